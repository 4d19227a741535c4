/*
 * cmd_verify.c: grader verify CHALLENGE_DIR [--format text|json|junit|github]
 *
 * A challenge repository's own gate.  Loads challenge.json and, when it
 * names one, the holdout; checks each forbidden rule's SHA-256 sums against
 * the challenge's data when the data are here; then grades every example
 * of CHALLENGE_DIR/examples/ through grade_run(), as grade does, and holds
 * each outcome against its expectation in examples/expected.json.
 *
 * Exit: 0 every example as expected; 1 one is not (or is missing, or has
 * no expectation); 65 the challenge, its holdout, its data sums or
 * expected.json are unusable; 66 a folder or file cannot be opened.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "digest.h"
#include "grow.h"
#include "number.h"
#include "options.h"
#include "readfile.h"
#include "submission.h"

/* expected.json is a few lines a example; this only bounds a wrong file. */
#define EXPECTED_MAX_BYTES ((uint64_t)1 << 20)

/* What became of one graded example. */
enum verify_got {
	GOT_MISSING,		/* listed, but not in examples/ */
	GOT_UNREADABLE,		/* in examples/, but cannot be opened */
	GOT_GRADED,
};

struct verify_example {
	char *name;		/* the file or folder name in examples/ */
	char *shown;		/* name, safe to print */
	char *path;		/* examples/name from the working directory */
	int listed;		/* has an expectation */
	int present;		/* is in examples/ */
	enum grade_status want;
	int want_range;		/* best_auc [lo, hi] was given */
	double lo, hi;
	enum verify_got got;
	enum grade_status status;	/* when GOT_GRADED */
	int has_auc;
	double auc;
	char *why;		/* NULL when as expected */
};

/* What the data check found for one forbidden rule. */
enum verify_data {
	DATA_NO_SUMS,		/* the rule lists no SHA-256 */
	DATA_ABSENT,		/* no data file here: skipped */
	DATA_MATCHED,		/* every sum matches a data file */
};

struct verify_rule {
	enum verify_data state;
	char **files;		/* the data files found, sorted */
	size_t n_files, cap;
};

struct verify {
	const char *dir;
	char *examples;		/* dir/examples */
	char *expected_path;	/* dir/examples/expected.json */
	struct challenge *c;
	struct holdout h;
	int has_holdout;
	struct verify_rule *rules;	/* one per forbidden rule */
	struct verify_example *ex;
	size_t n, cap;
};

/* Prints "grader: error: FILE: MESSAGE" to stderr; returns code.  Every
 * error of verify's own (not a problem list's) goes through it. */
static int __attribute__((format(printf, 3, 4)))
file_error(int code, const char *file, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "grader: error: %s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

/* The challenge, its holdout, data sums or expectations are unusable. */
#define unusable(...) file_error(EXIT_DATAERR, __VA_ARGS__)

static int
nomem(void)
{
	fprintf(stderr, "grader: out of memory\n");
	return EXIT_SOFTWARE;
}

/* dir/name, malloc'd; NULL when out of memory. */
static char *
join(const char *dir, const char *name)
{
	char *s;

	return asprintf(&s, "%s/%s", dir, name) < 0 ? NULL : s;
}

static int
cmp_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_example(const void *a, const void *b)
{
	return strcmp(((const struct verify_example *)a)->name,
		      ((const struct verify_example *)b)->name);
}

/* The house's destructor shape, as merge_release(): alike on purpose. */
static void
verify_free(struct verify *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->ex[i].name);
		free(v->ex[i].shown);
		free(v->ex[i].path);
		free(v->ex[i].why);
	}
	free(v->ex);
	if (v->rules != NULL)
		for (size_t k = 0; k < v->c->n_forbidden; k++) {
			for (size_t i = 0; i < v->rules[k].n_files; i++)
				free(v->rules[k].files[i]);
			free(v->rules[k].files);
		}
	free(v->rules);
	free(v->examples);
	free(v->expected_path);
	holdout_release(&v->h);
	challenge_free(v->c);
}

/*
 * Loads challenge.json and, when it names one for a scored challenge, the
 * holdout (labels, row count, both classes).  Without a holdout, examples
 * are checked, not scored.  Returns an exit code.
 */
static int
load_challenge(struct verify *v)
{
	struct problem_list *problems;
	enum gr_status st;
	int code = cli_load(v->dir, NULL, 0, &v->c, &v->h);

	if (code != EXIT_PASS)
		return code;
	if (!challenge_is_scored(v->c) || v->c->holdout == NULL)
		return EXIT_PASS;
	if ((problems = problems_new()) == NULL)
		return nomem();
	st = holdout_load(v->c->holdout, v->c->rows, &v->h, problems);
	if (st != GR_OK)
		cli_print_problems(stderr, problems);
	problems_free(problems);
	v->has_holdout = st == GR_OK;
	return cli_exit_for_load(st);
}

/* Whether a file of folder `where` ("" or "data") is data of the rule. */
static int
is_rule_data(const struct challenge_rule *rule, const char *where,
	     const char *name)
{
	/* A rule of sums only names no file: all of data/ is its data. */
	if (rule->n_patterns == 0)
		return where[0] != '\0';
	for (size_t i = 0; i < rule->n_patterns; i++)
		if (fnmatch(rule->patterns[i], name, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

/*
 * Hashes the rule's data files in one folder of the challenge (where: ""
 * for the challenge folder itself, or "data"), marking in matched[] each
 * sum that one of them has.  Returns an exit code.
 */
static int
hash_rule_data(struct verify *v, size_t k, const char *where,
	       unsigned char *matched)
{
	const struct challenge_rule *rule = &v->c->forbidden[k];
	struct verify_rule *vr = &v->rules[k];
	char *folder = where[0] ? join(v->dir, where) : strdup(v->dir);
	DIR *d;
	struct dirent *e;
	int code = EXIT_PASS;

	if (folder == NULL)
		return nomem();
	if ((d = opendir(folder)) == NULL) {
		/* No data/ folder is no data; the challenge folder was
		 * read a moment ago. */
		free(folder);
		return EXIT_PASS;
	}
	while (code == EXIT_PASS && (e = readdir(d)) != NULL) {
		unsigned char sum[DIGEST_SHA256_LEN];
		uint64_t bytes;
		struct stat sb;
		char *path;
		int err;

		if (e->d_name[0] == '.' || !is_rule_data(rule, where, e->d_name))
			continue;
		if ((path = join(folder, e->d_name)) == NULL) {
			code = nomem();
			break;
		}
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if ((err = digest_file(path, sum, &bytes)) != 0) {
			code = file_error(err == ENOMEM ? EXIT_SOFTWARE :
					  EXIT_NOINPUT, path, "cannot read: %s",
					  strerror(err));
		} else if (ALLOC_GROW(vr->files, vr->n_files + 1, vr->cap) != 0) {
			code = nomem();
		} else {
			vr->files[vr->n_files++] = path;
			path = NULL;
			for (size_t i = 0; i < rule->n_sha256; i++)
				if (memcmp(sum, rule->sha256[i], sizeof sum) == 0)
					matched[i] = 1;
		}
		free(path);
	}
	closedir(d);
	free(folder);
	return code;
}

/*
 * The data check of one forbidden rule: when any of its data files is in
 * the challenge folder or its data/ folder, every sum the rule lists must
 * be the SHA-256 of one of them (else a leaked copy under another name
 * would go unnoticed).  No data here: skipped.  Returns an exit code.
 */
static int
check_rule_data(struct verify *v, size_t k)
{
	const struct challenge_rule *rule = &v->c->forbidden[k];
	struct verify_rule *vr = &v->rules[k];
	unsigned char *matched;
	char hex[DIGEST_SHA256_HEX_LEN + 1];
	int code;

	vr->state = DATA_NO_SUMS;
	if (rule->n_sha256 == 0)
		return EXIT_PASS;
	if ((matched = calloc(rule->n_sha256, 1)) == NULL)
		return nomem();
	code = hash_rule_data(v, k, "", matched);
	if (code == EXIT_PASS)
		code = hash_rule_data(v, k, "data", matched);
	vr->state = vr->n_files ? DATA_MATCHED : DATA_ABSENT;
	if (vr->n_files > 1)
		qsort(vr->files, vr->n_files, sizeof *vr->files, cmp_string);
	for (size_t i = 0; code != EXIT_SOFTWARE && i < rule->n_sha256; i++) {
		if (vr->state != DATA_MATCHED || matched[i])
			continue;
		digest_hex(rule->sha256[i], hex);
		fprintf(stderr,
			"grader: error: %s/challenge.json: forbidden \"%s\": sha256 %s is the sum of none of its data files here (",
			v->dir, rule->name, hex);
		for (size_t j = 0; j < vr->n_files; j++)
			fprintf(stderr, "%s%s", j ? ", " : "", vr->files[j]);
		fputs(")\n", stderr);
		fputs("grader:   fix: Give the sums as sha256sum prints them for the data files, and keep all of a rule's data files here or none.\n",
		      stderr);
		if (code == EXIT_PASS)
			code = EXIT_DATAERR;
	}
	free(matched);
	return code;
}

static int
check_data(struct verify *v)
{
	int code = EXIT_PASS;

	if (v->c->n_forbidden == 0)
		return EXIT_PASS;
	if ((v->rules = calloc(v->c->n_forbidden, sizeof *v->rules)) == NULL)
		return nomem();
	for (size_t k = 0; k < v->c->n_forbidden; k++) {
		int rc = check_rule_data(v, k);
		if (rc != EXIT_PASS && code == EXIT_PASS)
			code = rc;
	}
	return code;
}

/* The example of that name, added (neither listed nor present) when new;
 * NULL when out of memory. */
static struct verify_example *
example(struct verify *v, const char *name)
{
	struct verify_example *x;

	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->ex[i].name, name) == 0)
			return &v->ex[i];
	if (ALLOC_GROW(v->ex, v->n + 1, v->cap) != 0)
		return NULL;
	x = &v->ex[v->n];
	memset(x, 0, sizeof *x);
	x->name = strdup(name);
	x->shown = submission_shown_name(name);
	x->path = join(v->examples, name);
	if (x->name == NULL || x->shown == NULL || x->path == NULL) {
		free(x->name);
		free(x->shown);
		free(x->path);
		return NULL;
	}
	v->n++;
	return x;
}

static int
parse_status(const char *s, enum grade_status *out)
{
	static const enum grade_status all[] = { GRADE_PASS, GRADE_FAIL,
						 GRADE_INVALID };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, grade_status_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

/* Reads "best_auc": [lo, hi], 0 <= lo <= hi <= 1.  Returns an exit code. */
static int
parse_range(struct verify *v, struct verify_example *x, const cJSON *r)
{
	const cJSON *lo = cJSON_GetArrayItem(r, 0), *hi = cJSON_GetArrayItem(r, 1);

	if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) != 2 ||
	    !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi) ||
	    !(lo->valuedouble >= 0.0 && lo->valuedouble <= hi->valuedouble &&
	      hi->valuedouble <= 1.0))
		return unusable(v->expected_path,
				"%s: \"best_auc\" must be [lo, hi], two numbers with 0 <= lo <= hi <= 1",
				x->shown);
	if (x->want == GRADE_INVALID)
		return unusable(v->expected_path,
				"%s: an invalid submission has no best AUC; drop \"best_auc\"",
				x->shown);
	if (!challenge_is_scored(v->c))
		return unusable(v->expected_path,
				"%s: \"best_auc\" in a deliverables-only challenge, which scores nothing",
				x->shown);
	if (!v->has_holdout)
		return unusable(v->expected_path,
				"%s: \"best_auc\" needs the holdout, and challenge.json names none (without one, examples are checked, not scored)",
				x->shown);
	x->want_range = 1;
	x->lo = lo->valuedouble;
	x->hi = hi->valuedouble;
	return EXIT_PASS;
}

/* One entry of expected.json: "NAME": {"status": S, "best_auc": [lo, hi]}. */
static int
parse_expectation(struct verify *v, const cJSON *item)
{
	const char *name = item->string;
	struct verify_example *x;
	const cJSON *k, *status = NULL, *range = NULL;

	if (name[0] == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    strcmp(name, "expected.json") == 0) {
		char *shown = submission_shown_name(name);
		int code = unusable(v->expected_path,
				    "\"%s\" is not the name of a file or folder of examples/",
				    shown ? shown : "?");
		free(shown);
		return code;
	}
	if ((x = example(v, name)) == NULL)
		return nomem();
	if (x->listed)
		return unusable(v->expected_path, "%s is listed twice",
				x->shown);
	x->listed = 1;
	if (!cJSON_IsObject(item))
		return unusable(v->expected_path,
				"%s: the expectation must be an object such as {\"status\": \"pass\", \"best_auc\": [0.8, 0.9]}",
				x->shown);
	cJSON_ArrayForEach(k, item) {
		if (strcmp(k->string, "status") == 0 && status == NULL)
			status = k;
		else if (strcmp(k->string, "best_auc") == 0 && range == NULL)
			range = k;
		else
			return unusable(v->expected_path,
					"%s: unknown or repeated key \"%s\" (status, best_auc)",
					x->shown, k->string);
	}
	if (!cJSON_IsString(status) ||
	    parse_status(status->valuestring, &x->want) != 0)
		return unusable(v->expected_path,
				"%s: \"status\" must be \"pass\", \"fail\" or \"invalid\"",
				x->shown);
	return range != NULL ? parse_range(v, x, range) : EXIT_PASS;
}

/*
 * Reads examples/expected.json: an object of expectations by example
 * name.  Returns an exit code: 65 when it is missing, is not such an
 * object, or lists nothing.
 */
static int
load_expected(struct verify *v)
{
	unsigned char *data = NULL;
	size_t len = 0;
	cJSON *root, *item;
	int err, code = EXIT_PASS;

	err = readfile(v->expected_path, EXPECTED_MAX_BYTES, &data, &len);
	if (err == ENOENT || err == ENOTDIR)
		return unusable(v->expected_path,
				"missing: a challenge to verify has examples/expected.json (see docs/challenge.md)");
	if (err == ENOMEM)
		return nomem();
	if (err == EFBIG)
		return unusable(v->expected_path, "larger than 1 MiB");
	if (err != 0) {
		return file_error(EXIT_NOINPUT, v->expected_path,
				  "cannot read: %s", strerror(err));
	}
	root = cJSON_ParseWithLength((const char *)data, len);
	free(data);
	if (!cJSON_IsObject(root))
		code = unusable(v->expected_path,
				"not a JSON object of expectations such as {\"strong.zip\": {\"status\": \"pass\"}}");
	else if (root->child == NULL)
		code = unusable(v->expected_path,
				"lists no example: nothing to verify");
	for (item = code == EXIT_PASS ? root->child : NULL;
	     item != NULL && code == EXIT_PASS; item = item->next)
		code = parse_expectation(v, item);
	cJSON_Delete(root);
	return code;
}

/* Whether a name of examples/ is an example: a .zip file or a folder
 * (dot files, expected.json and other files are not). */
static int
is_example(const char *folder, const char *name, int *code)
{
	size_t n = strlen(name);
	struct stat sb;
	char *path;
	int dir, zip = n > 4 && strcasecmp(name + n - 4, ".zip") == 0;

	if (name[0] == '.' || strcmp(name, "expected.json") == 0)
		return 0;
	if (zip)
		return 1;	/* even when it cannot be opened */
	if ((path = join(folder, name)) == NULL) {
		*code = nomem();
		return 0;
	}
	dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(path);
	return dir;
}

/* Adds every example of examples/ as present.  Returns an exit code. */
static int
list_examples(struct verify *v)
{
	DIR *d = opendir(v->examples);
	struct dirent *e;
	int code = EXIT_PASS;

	if (d == NULL) {
		return file_error(EXIT_NOINPUT, v->examples, "cannot open: %s",
				  strerror(errno));
	}
	while (code == EXIT_PASS && (e = readdir(d)) != NULL) {
		struct verify_example *x;

		if (!is_example(v->examples, e->d_name, &code))
			continue;
		if ((x = example(v, e->d_name)) == NULL)
			code = nomem();
		else
			x->present = 1;
	}
	closedir(d);
	if (v->n > 1)
		qsort(v->ex, v->n, sizeof *v->ex, cmp_example);
	return code;
}

/* Formats a number for people: the shortest text that reads back. */
static const char *
num(double d, char buf[NUMBER_BUF])
{
	return number_format(d, buf);
}

/* Sets x->why when the outcome is not as expected; returns 0, or -1 when
 * out of memory. */
static int
judge(struct verify_example *x)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF], b3[NUMBER_BUF];
	int n = 0;

	if (!x->listed)
		n = asprintf(&x->why, "no expectation for %s in examples/expected.json",
			     x->shown);
	else if (!x->present)
		n = asprintf(&x->why, "%s is listed in examples/expected.json but is not in examples/",
			     x->shown);
	else if (x->got == GOT_UNREADABLE)
		n = asprintf(&x->why, "%s cannot be opened", x->shown);
	else if (x->status != x->want)
		n = asprintf(&x->why, "%s: expected %s, got %s", x->shown,
			     grade_status_name(x->want),
			     grade_status_name(x->status));
	else if (x->want_range && !x->has_auc)
		n = asprintf(&x->why, "%s: no best AUC, expected one in [%s, %s]",
			     x->shown, num(x->lo, b1), num(x->hi, b2));
	else if (x->want_range && !(x->auc >= x->lo && x->auc <= x->hi))
		n = asprintf(&x->why, "%s: best AUC %s is outside [%s, %s]",
			     x->shown, num(x->auc, b3), num(x->lo, b1),
			     num(x->hi, b2));
	return n < 0 ? -1 : 0;
}

/*
 * Grades each example present, as grade does (with the holdout when there
 * is one, else as check), and judges every example.  Returns an exit code
 * of the run itself (0, or 70 when out of memory).
 */
static int
grade_examples(struct verify *v)
{
	for (size_t i = 0; i < v->n; i++) {
		struct verify_example *x = &v->ex[i];
		struct grade_options opt = { 0 };
		struct grade_report *r = NULL;
		enum gr_status st;

		x->got = GOT_MISSING;
		if (x->present) {
			opt.submission = x->path;
			opt.challenge = v->c;
			opt.holdout = v->has_holdout ? &v->h : NULL;
			st = grade_run(&opt, &r);
			if (st == GR_NOMEM)
				return nomem();
			if (st == GR_IO) {
				cli_print_problems(stderr, r->problems);
				x->got = GOT_UNREADABLE;
			} else {
				x->got = GOT_GRADED;
				x->status = r->status;
				x->has_auc = r->best >= 0 &&
					     r->models[r->best].scored;
				if (x->has_auc)
					x->auc = r->models[r->best].auc.auc;
			}
			grade_report_free(r);
		}
		if (judge(x) != 0)
			return nomem();
	}
	return EXIT_PASS;
}

/* "pass, best AUC in [0.85, 0.87]", "fail", or "none". */
static void
expected_text(const struct verify_example *x, char *buf, size_t size)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF];

	if (!x->listed)
		snprintf(buf, size, "none");
	else if (x->want_range)
		snprintf(buf, size, "%s, AUC in [%s, %s]",
			 grade_status_name(x->want), num(x->lo, b1),
			 num(x->hi, b2));
	else
		snprintf(buf, size, "%s", grade_status_name(x->want));
}

/* "pass, AUC 0.872060", "invalid", "missing" or "unreadable". */
static void
got_text(const struct verify_example *x, char *buf, size_t size)
{
	char b1[NUMBER_BUF];

	if (x->got == GOT_MISSING)
		snprintf(buf, size, "missing");
	else if (x->got == GOT_UNREADABLE)
		snprintf(buf, size, "unreadable");
	else if (x->has_auc)
		snprintf(buf, size, "%s, AUC %s", grade_status_name(x->status),
			 number_format_as(x->auc, NUMBER_FIXED, 6, b1));
	else
		snprintf(buf, size, "%s", grade_status_name(x->status));
}

static size_t
count_failed(const struct verify *v)
{
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++)
		n += v->ex[i].why != NULL;
	return n;
}

/* The closing line: "ID: 6 examples, all as expected" or "ID: 1 of 6
 * examples not as expected: weak.zip". */
static void
print_summary(FILE *f, const struct verify *v)
{
	size_t failed = count_failed(v);
	const char *sep = ": ";

	if (failed == 0) {
		fprintf(f, "%s: %zu example%s, all as expected\n", v->c->id,
			v->n, v->n == 1 ? "" : "s");
		return;
	}
	fprintf(f, "%s: %zu of %zu example%s not as expected", v->c->id,
		failed, v->n, v->n == 1 ? "" : "s");
	for (size_t i = 0; i < v->n; i++)
		if (v->ex[i].why != NULL) {
			fprintf(f, "%s%s", sep, v->ex[i].shown);
			sep = ", ";
		}
	fputc('\n', f);
}

static void
print_text(FILE *f, const struct verify *v)
{
	struct cli_style st;
	char want[128], got[128];
	int wname = 0, wwant = 0;

	cli_style_init(&st, f);
	fprintf(f, "challenge %s: challenge.json read", v->c->id);
	if (!challenge_is_scored(v->c))
		fputs("; deliverables only: examples are checked\n", f);
	else if (v->has_holdout)
		fprintf(f, "; holdout %s: %zu rows, both classes\n",
			v->c->holdout, v->h.rows);
	else
		fputs("; no holdout: examples are checked, not scored\n", f);
	for (size_t k = 0; k < v->c->n_forbidden; k++) {
		const struct verify_rule *vr = &v->rules[k];

		fprintf(f, "forbidden \"%s\": ", v->c->forbidden[k].name);
		if (vr->state == DATA_NO_SUMS)
			fputs("no sha256 listed, nothing to check\n", f);
		else if (vr->state == DATA_ABSENT)
			fputs("its data are not here, sha256 check skipped\n", f);
		else {
			fprintf(f, "%zu sha256 matched (", v->c->forbidden[k].n_sha256);
			for (size_t j = 0; j < vr->n_files; j++)
				fprintf(f, "%s%s", j ? ", " : "", vr->files[j]);
			fputs(")\n", f);
		}
	}
	for (size_t i = 0; i < v->n; i++) {
		int n = (int)strlen(v->ex[i].shown);

		expected_text(&v->ex[i], want, sizeof want);
		wname = n > wname ? n : wname;
		n = (int)strlen(want);
		wwant = n > wwant ? n : wwant;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct verify_example *x = &v->ex[i];

		expected_text(x, want, sizeof want);
		got_text(x, got, sizeof got);
		fprintf(f, "%s%s%s %-*s  expected %-*s  got %s\n",
			x->why ? st.red : st.green, x->why ? st.bad : st.ok,
			st.reset, wname, x->shown, wwant, want, got);
		if (x->why != NULL)
			fprintf(f, "    %s\n", x->why);
	}
	print_summary(f, v);
}

/* A number as JSON, through number.c (never the C library's locale). */
static cJSON *
json_number(double d)
{
	char buf[NUMBER_BUF];

	return cJSON_CreateRaw(number_format(d, buf));
}

static cJSON *
json_example(const struct verify_example *x)
{
	cJSON *o = cJSON_CreateObject(), *want = NULL, *got;

	if (x->listed) {
		want = cJSON_CreateObject();
		cJSON_AddStringToObject(want, "status",
					grade_status_name(x->want));
		if (x->want_range) {
			cJSON *r = cJSON_AddArrayToObject(want, "best_auc");
			cJSON_AddItemToArray(r, json_number(x->lo));
			cJSON_AddItemToArray(r, json_number(x->hi));
		} else {
			cJSON_AddNullToObject(want, "best_auc");
		}
	}
	got = cJSON_CreateObject();
	cJSON_AddStringToObject(got, "status",
				x->got == GOT_MISSING	 ? "missing"
				: x->got == GOT_UNREADABLE ? "unreadable"
							   : grade_status_name(x->status));
	if (x->has_auc)
		cJSON_AddItemToObject(got, "best_auc", json_number(x->auc));
	else
		cJSON_AddNullToObject(got, "best_auc");
	cJSON_AddStringToObject(o, "name", x->shown);
	cJSON_AddItemToObject(o, "expected", want ? want : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "got", got);
	cJSON_AddBoolToObject(o, "ok", x->why == NULL);
	if (x->why != NULL)
		cJSON_AddStringToObject(o, "why", x->why);
	return o;
}

/* The JSON report; returns 0, or -1 when out of memory. */
static int
print_json(FILE *f, const struct verify *v)
{
	cJSON *root = cJSON_CreateObject(), *a;
	int code;

	cJSON_AddStringToObject(root, "challenge", v->c->id);
	cJSON_AddBoolToObject(root, "ok", count_failed(v) == 0);
	a = cJSON_AddArrayToObject(root, "examples");
	for (size_t i = 0; i < v->n; i++)
		cJSON_AddItemToArray(a, json_example(&v->ex[i]));
	code = cli_print_json(f, root);
	cJSON_Delete(root);
	return code;
}


static void
print_junit(FILE *f, const struct verify *v)
{
	char want[128], got[128];
	size_t failed = count_failed(v);

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites tests=\"%zu\" failures=\"%zu\">\n"
		   "  <testsuite name=\"grader verify ",
		v->n, failed);
	cli_xml_escape(f, v->c->id);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\">\n", v->n, failed);
	for (size_t i = 0; i < v->n; i++) {
		const struct verify_example *x = &v->ex[i];

		fputs("    <testcase classname=\"", f);
		cli_xml_escape(f, v->c->id);
		fputs("\" name=\"", f);
		cli_xml_escape(f, x->shown);
		if (x->why == NULL) {
			fputs("\"/>\n", f);
			continue;
		}
		expected_text(x, want, sizeof want);
		got_text(x, got, sizeof got);
		fputs("\">\n      <failure message=\"", f);
		cli_xml_escape(f, x->why);
		fputs("\">expected ", f);
		cli_xml_escape(f, want);
		fputs(", got ", f);
		cli_xml_escape(f, got);
		fputs("</failure>\n    </testcase>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}


static void
print_github(FILE *f, const struct verify *v)
{
	char want[128], got[128];

	for (size_t i = 0; i < v->n; i++) {
		const struct verify_example *x = &v->ex[i];

		if (x->why == NULL)
			continue;
		expected_text(x, want, sizeof want);
		got_text(x, got, sizeof got);
		/* A missing example has no file: point at its expectation. */
		fputs("::error file=", f);
		cli_github_puts(f, x->present ? x->path : v->expected_path, 1);
		fputs(",title=", f);
		cli_github_puts(f, "grader verify: ", 1);
		cli_github_puts(f, x->shown, 1);
		fputs("::", f);
		cli_github_puts(f, x->why, 0);
		fputs(" (expected ", f);
		cli_github_puts(f, want, 0);
		fputs("; got ", f);
		cli_github_puts(f, got, 0);
		fputs(")\n", f);
	}
	print_summary(f, v);
}

static int
verify_run(struct verify *v, enum cli_format format)
{
	int code;

	if ((v->examples = join(v->dir, "examples")) == NULL ||
	    (v->expected_path = join(v->examples, "expected.json")) == NULL)
		return nomem();
	if ((code = load_challenge(v)) != EXIT_PASS ||
	    (code = check_data(v)) != EXIT_PASS ||
	    (code = load_expected(v)) != EXIT_PASS ||
	    (code = list_examples(v)) != EXIT_PASS ||
	    (code = grade_examples(v)) != EXIT_PASS)
		return code;
	switch (format) {
	case FORMAT_JSON:
		if (print_json(stdout, v) != 0)
			return nomem();
		break;
	case FORMAT_JUNIT:
		print_junit(stdout, v);
		break;
	case FORMAT_GITHUB:
		print_github(stdout, v);
		break;
	default:
		print_text(stdout, v);
		break;
	}
	return cli_finish(count_failed(v) ? EXIT_FAIL : EXIT_PASS);
}

int
cmd_verify(int argc, char **argv)
{
	struct verify v = { 0 };
	const char *format = NULL;
	const struct cli_option opts[] = {
		{ "format", 'f', &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	enum cli_format f = FORMAT_TEXT;
	int code, first;

	if ((code = cli_options("verify", argc, argv, opts, &first)) >= 0)
		return code;
	if ((code = cli_take_format("verify", format,
				    ~(1u << FORMAT_GRADESCOPE),
				    "text, json, junit or github", &f)) >= 0)
		return code;
	if ((code = cli_one_operand("verify", "CHALLENGE_DIR", argc, argv,
				    first, &v.dir)) >= 0)
		return code;
	code = verify_run(&v, f);
	verify_free(&v);
	return code;
}
