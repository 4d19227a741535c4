/*
 * cmd_auc.c: grader auc LABELS.csv SCORES.csv [SCORES2.csv] [--json]
 *
 * The labels are read by the holdout loader and the scores by the results
 * validator (any row count), so that this command accepts exactly what
 * `grade` accepts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "holdout.h"
#include "readfile.h"
#include "number.h"
#include "results.h"
#include "schema.h"
#include "scorecard.h"

#define AUC_SCORES_MAX_BYTES (4ull << 30)

/* Loads one scores file; returns an exit code (EXIT_PASS on success). */
static int
load_scores(const char *path, size_t rows, struct results_file *out,
	    struct problem_list *problems)
{
	unsigned char *data;
	size_t len;
	enum gr_status st;
	int err = readfile(path, AUC_SCORES_MAX_BYTES, &data, &len);

	if (err != 0) {
		fprintf(stderr, "grader auc: cannot read %s: %s\n", path,
			strerror(err));
		return err == ENOMEM ? EXIT_SOFTWARE : EXIT_NOINPUT;
	}
	st = results_parse(path, data, len, rows, GR_LIMIT_LINE_BYTES, out,
			   problems);
	free(data);
	if (st == GR_NOMEM)
		return EXIT_SOFTWARE;
	return st == GR_OK ? EXIT_PASS : EXIT_INVALID;
}

/* The 17 significant digits that name a double, in any locale. */
static const char *
digits17(double d, char buf[NUMBER_BUF])
{
	return number_format_as(d, NUMBER_SIG, 17, buf);
}

static void
print_text(const char *const *files, size_t k, const struct holdout *h,
	   const struct auc_model *m, const struct auc_comparison *cmp)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF], b3[NUMBER_BUF];

	printf("rows       %zu\npositives  %zu\n", h->rows, h->positives);
	for (size_t i = 0; i < k; i++) {
		if (k > 1)
			printf("\n%s\n", files[i]);
		printf("AUC        %s\n", digits17(m[i].auc, b1));
		if (m[i].se_valid)
			printf("SE         %s\n95%% CI     %s %s\n",
			       digits17(m[i].se, b1), digits17(m[i].ci95[0], b2),
			       digits17(m[i].ci95[1], b3));
		else
			printf("SE         undefined (too few rows of a class, or no variance)\n");
	}
	if (k > 1) {
		printf("\npaired DeLong test, %s - %s\n", files[0], files[1]);
		printf("difference %s\n", digits17(cmp->difference, b1));
		if (cmp->valid)
			printf("z          %s\np-value    %s\n",
			       digits17(cmp->z, b1), digits17(cmp->p_value, b2));
		else
			printf("z          undefined (the difference has no variance)\n");
	}
}

static int
print_json(const char *const *files, size_t k, const struct holdout *h,
	   const struct auc_model *m, const struct auc_comparison *cmp)
{
	struct scorecard_builder b = { 1 };
	cJSON *root = cJSON_CreateObject(), *models, *o;
	char *text = NULL;

	if (root == NULL)
		return 0;
	scorecard_add(&b, root, SCHEMA_KEY_ROWS,
	    scorecard_number((double)h->rows));
	scorecard_add(&b, root, SCHEMA_KEY_POSITIVES,
	    scorecard_number((double)h->positives));
	if (!scorecard_add_auc(root, &m[0]))
		b.ok = 0;
	if (b.ok && k > 1) {
		models = scorecard_add(&b, root, SCHEMA_KEY_MODELS,
		    cJSON_CreateArray());
		for (size_t i = 0; models != NULL && i < k; i++) {
			o = scorecard_add(&b, models, NULL,
			    cJSON_CreateObject());
			if (o == NULL)
				break;
			scorecard_add_string(&b, o, SCHEMA_KEY_FILE, files[i]);
			if (!scorecard_add_auc(o, &m[i]))
				b.ok = 0;
		}
		if (b.ok)
			scorecard_add(&b, root, SCHEMA_KEY_COMPARISON,
			    scorecard_comparison(cmp));
	}
	if (b.ok && (text = cJSON_Print(root)) != NULL)
		printf("%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
	return b.ok && text != NULL;
}

int
cmd_auc(int argc, char **argv)
{
	int json = 0;
	const struct cli_option opts[] = {
		{ "json", 0, NULL, &json },
		{ NULL, 0, NULL, NULL },
	};
	struct problem_list *problems;
	struct holdout h = { 0 };
	struct results_file scores[2] = { { 0 }, { 0 } };
	struct auc_model models[2];
	struct auc_comparison cmp = { 0 };
	const double *vectors[2];
	const char *files[2];
	enum gr_status st;
	enum auc_status ast;
	size_t k;
	int first, code;

	if ((code = cli_options("auc", argc, argv, opts, &first)) >= 0)
		return code;
	code = EXIT_PASS;
	if (argc - first < 2)
		return cli_usage_error("auc", "needs LABELS.csv and SCORES.csv");
	if (argc - first > 3)
		return cli_usage_error("auc", "at most two SCORES files");
	k = (size_t)(argc - first - 1);
	if ((problems = problems_new()) == NULL)
		return EXIT_SOFTWARE;

	st = holdout_load(argv[first], 0, &h, problems);
	if (st != GR_OK) {
		cli_print_problems(stderr, problems);
		code = cli_exit_for_load(st);
		goto out;
	}
	for (size_t i = 0; i < k; i++) {
		files[i] = argv[first + 1 + (int)i];
		code = load_scores(files[i], h.rows, &scores[i], problems);
		if (code != EXIT_PASS) {
			cli_print_problems(stderr, problems);
			goto out;
		}
		vectors[i] = scores[i].values;
	}
	memset(models, 0, sizeof models);
	ast = auc_evaluate(h.labels, h.rows, vectors, k,
			   AUC_WANT_DELONG, models, &cmp);
	if (ast != AUC_OK) {
		fprintf(stderr, "grader auc: %s\n", auc_status_message(ast));
		code = ast == AUC_NOMEM ? EXIT_SOFTWARE : EXIT_INVALID;
		goto out;
	}
	if (json) {
		if (!print_json(files, k, &h, models, &cmp))
			code = EXIT_SOFTWARE;
	} else {
		print_text(files, k, &h, models, &cmp);
	}
	for (size_t i = 0; i < k; i++)
		auc_model_release(&models[i]);
	code = cli_finish(code);
out:
	results_release(&scores[0]);
	results_release(&scores[1]);
	holdout_release(&h);
	problems_free(problems);
	return code;
}
