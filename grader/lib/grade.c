/*
 * grade.c: one submission, end to end.
 *
 * The order matters: the archive is opened (and wholly verified) first, so
 * that a hostile zip is refused before any of its content is interpreted;
 * then results files, deliverables and forbidden files are examined, each
 * adding to the one problem list; scores come last, and only for valid
 * files.
 */
#include "grade.h"

#include <assert.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "digest.h"
#include "grow.h"
#include "layout.h"
#include "number.h"
#include "results.h"
#include "schema.h"
#include "submission.h"
#include "textbuf.h"

const char *
grade_status_name(enum grade_status s)
{
	switch (s) {
	case GRADE_PASS:
		return schema_status_name(SCHEMA_PASS);
	case GRADE_FAIL:
		return schema_status_name(SCHEMA_FAIL);
	case GRADE_INVALID:
		break;
	}
	return schema_status_name(SCHEMA_INVALID);
}

static void
rules_release(struct grade_rule_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < r[i].n_found; j++)
			free(r[i].found[j]);
		free(r[i].found);
		free(r[i].documents);
	}
	free(r);
}

void
grade_report_free(struct grade_report *r)
{
	if (r == NULL)
		return;
	free(r->submission_name);
	for (size_t i = 0; i < r->n_models; i++) {
		free(r->models[i].file);
		free(r->models[i].path);
		auc_model_release(&r->models[i].auc);
	}
	free(r->models);
	rules_release(r->deliverables, r->n_deliverables);
	rules_release(r->forbidden, r->n_forbidden);
	problems_free(r->problems);
	free(r);
}

static const char *
base_name(const char *path)
{
	size_t n = strlen(path);
	const char *slash;

	/* "folder/" names the folder. */
	while (n > 1 && path[n - 1] == '/')
		n--;
	slash = memrchr(path, '/', n - (n > 0));
	return slash ? slash + 1 : path;
}

static char *
display_name(const char *path)
{
	const char *b = base_name(path);
	size_t n = strlen(b);

	while (n > 1 && b[n - 1] == '/')
		n--;
	return strndup(b, n);
}

static int
matches_any(char *const *patterns, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(patterns[i], name, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

static int
add_found(struct grade_rule_result *r, size_t *cap, const char *name)
{
	if (ALLOC_GROW(r->found, r->n_found + 1, *cap) != 0)
		return 0;
	if ((r->found[r->n_found] = strdup(name)) == NULL)
		return 0;
	r->n_found++;
	return 1;
}

/* Joins a rule's patterns as "*.py, *.ipynb" into a new string, or NULL
 * when out of memory; the caller frees it. */
static char *
pattern_list(const struct challenge_rule *rule)
{
	struct textbuf b = { 0 };

	for (size_t i = 0; i < rule->n_patterns; i++) {
		if (i > 0)
			textbuf_puts(&b, ", ");
		textbuf_puts(&b, rule->patterns[i]);
	}
	return textbuf_finish(&b);
}

static enum gr_status
check_deliverables(struct grade_report *r, const struct challenge *c,
		   const struct submission *s)
{
	size_t n = submission_count(s);

	r->deliverables = calloc(c->n_deliverables + 1, sizeof *r->deliverables);
	if (r->deliverables == NULL)
		return GR_NOMEM;
	r->n_deliverables = c->n_deliverables;
	for (size_t d = 0; d < c->n_deliverables; d++) {
		const struct challenge_rule *rule = &c->deliverables[d];
		struct grade_rule_result *out = &r->deliverables[d];
		size_t cap = 0;
		char *patterns;

		out->name = rule->name;
		out->required = rule->required;
		for (size_t i = 0; i < n; i++) {
			const struct submission_entry *e = submission_entry(s, i);
			if (layout_is_candidate(e) &&
			    matches_any(rule->patterns, rule->n_patterns,
					e->base) &&
			    !add_found(out, &cap, e->name))
				return GR_NOMEM;
		}
		out->ok = out->n_found > 0 || !rule->required;
		if (out->n_found > 0)
			continue;
		if ((patterns = pattern_list(rule)) == NULL)
			return GR_NOMEM;
		problems_add(r->problems,
			     rule->required ? PROBLEM_ERROR : PROBLEM_WARNING,
			     "deliverable.missing", NULL, 0, NULL,
			     "no %s found: add a file matching %s", rule->name,
			     patterns);
		free(patterns);
	}
	return r->problems->nomem ? GR_NOMEM : GR_OK;
}

/* What a reader of an unreadable document can do about it. */
static const char *
unreadable_hint(enum document_format f)
{
	switch (f) {
	case DOCUMENT_PDF:
		return "Export the document to PDF again, without a password "
		       "(Save as PDF or Print to PDF), and check that it "
		       "opens.";
	case DOCUMENT_DOCX:
		return "Save it again as a Word document (.docx) from Word or "
		       "LibreOffice, or export it to PDF.";
	case DOCUMENT_IPYNB:
		return "Save the notebook again from Jupyter (File > Save), "
		       "or export it to HTML or PDF.";
	default:
		return NULL;
	}
}

/* A "deliverable.length" warning when measure (of unit "pages" or
 * "words") is known and outside the rule's range. */
static void
check_range(struct grade_report *r, const struct challenge_rule *rule,
	    const char *path, uint64_t measure,
	    const struct challenge_range *range, const char *unit)
{
	unsigned long long lo = range->min, hi = range->max;
	char fix[96];

	if (!range->set || measure == DOCUMENT_UNKNOWN ||
	    (measure >= range->min && measure <= range->max))
		return;
	snprintf(fix, sizeof fix, "%s it to %s %llu %s.",
		 measure > hi ? "Shorten" : "Lengthen",
		 measure > hi ? "at most" : "at least",
		 measure > hi ? hi : lo, unit);
	problems_add(r->problems, PROBLEM_WARNING, "deliverable.length", path,
		     0, fix,
		     "%s has %llu %s; the challenge asks for a %s of %llu to "
		     "%llu %s",
		     path, (unsigned long long)measure,
		     measure == 1 ? (unit[0] == 'p' ? "page" : "word") : unit,
		     rule->name, lo, hi, unit);
}

/* Measures entry i (of format fmt) into *m, or only names its format when
 * measure is 0; warns when it cannot be read. */
static enum gr_status
measure_entry(struct grade_report *r, struct submission *s, size_t i,
	      enum document_format fmt, struct document_measure *m,
	      int measure)
{
	const char *name = submission_entry(s, i)->name;
	unsigned char *data;
	size_t len;
	enum gr_status st;

	memset(m, 0, sizeof *m);
	m->format = fmt;
	m->pages = m->words = DOCUMENT_UNKNOWN;
	if (!measure)
		return GR_OK;
	/* The submission was read whole when opened: a read failing now is
	 * memory, or a problem already reported. */
	st = submission_read(s, i, &data, &len, r->problems);
	if (st != GR_OK)
		return st == GR_NOMEM ? GR_NOMEM : GR_OK;
	st = document_measure(data, len, submission_entry(s, i)->base, fmt, m);
	free(data);
	if (st != GR_OK)
		return st;
	if (m->unreadable)
		problems_add(r->problems, PROBLEM_WARNING,
			     "deliverable.unreadable", name, 0,
			     unreadable_hint(fmt),
			     "%s cannot be read as a %s: %s; its length is "
			     "not known", name,
			     fmt == DOCUMENT_PDF ? "PDF"
			     : fmt == DOCUMENT_DOCX ? "DOCX" : "notebook",
			     m->why);
	return GR_OK;
}

/*
 * Measures every deliverable file that is a document (document.h): each
 * entry once, however many rules found it, and at most
 * GRADE_MAX_MEASURED_DOCUMENTS of them.  An unreadable document is one
 * "deliverable.unreadable" warning; a length outside a rule's "length" is
 * a "deliverable.length" warning for that rule.  Neither changes the status.
 */
static enum gr_status
measure_documents(struct grade_report *r, const struct challenge *c,
		  struct submission *s)
{
	size_t n = submission_count(s), measured = 0;
	struct document_measure *cache;
	unsigned char *done;
	enum gr_status st = GR_OK;

	cache = calloc(n + 1, sizeof *cache);
	done = calloc(n + 1, 1);
	if (cache == NULL || done == NULL) {
		free(cache);
		free(done);
		return GR_NOMEM;
	}
	for (size_t d = 0; d < r->n_deliverables && st == GR_OK; d++) {
		struct grade_rule_result *out = &r->deliverables[d];
		const struct challenge_rule *rule = &c->deliverables[d];

		out->documents = calloc(out->n_found + 1,
					sizeof *out->documents);
		if (out->documents == NULL) {
			st = GR_NOMEM;
			break;
		}
		for (size_t f = 0; f < out->n_found && st == GR_OK; f++) {
			enum document_format fmt =
			    document_format_of(out->found[f]);
			struct grade_document *doc;
			size_t i;

			if (fmt == DOCUMENT_NONE)
				continue;
			for (i = 0; i < n; i++)
				if (strcmp(submission_entry(s, i)->name,
					   out->found[f]) == 0)
					break;
			assert(i < n);
			if (!done[i]) {
				done[i] = 1;
				st = measure_entry(r, s, i, fmt, &cache[i],
						   measured++ <
						   GRADE_MAX_MEASURED_DOCUMENTS);
			}
			doc = &out->documents[out->n_documents++];
			doc->path = out->found[f];
			doc->measure = cache[i];
			check_range(r, rule, doc->path, cache[i].pages,
				    &rule->pages, "pages");
			check_range(r, rule, doc->path, cache[i].words,
				    &rule->words, "words");
		}
	}
	free(cache);
	free(done);
	if (st == GR_OK && r->problems->nomem)
		st = GR_NOMEM;
	return st;
}

/*
 * Alike in shape to check_deliverables() but not in rule: a forbidden file
 * is matched among all files, by name or by content, and each one found is
 * a problem of its own; a deliverable is one problem when none is found.
 */
static enum gr_status
check_forbidden(struct grade_report *r, const struct challenge *c,
		const struct submission *s)
{
	size_t n = submission_count(s);

	r->forbidden = calloc(c->n_forbidden + 1, sizeof *r->forbidden);
	if (r->forbidden == NULL)
		return GR_NOMEM;
	r->n_forbidden = c->n_forbidden;
	for (size_t f = 0; f < c->n_forbidden; f++) {
		const struct challenge_rule *rule = &c->forbidden[f];
		struct grade_rule_result *out = &r->forbidden[f];
		size_t cap = 0;

		out->name = rule->name;
		for (size_t i = 0; i < n; i++) {
			const struct submission_entry *e = submission_entry(s, i);
			int by_name, by_content = 0;
			if (e->is_dir)
				continue;
			by_name = matches_any(rule->patterns, rule->n_patterns,
					      e->base);
			for (size_t k = 0; k < rule->n_sha256 && !by_name; k++)
				if (memcmp(rule->sha256[k], e->sha256, 32) == 0)
					by_content = 1;
			if (!by_name && !by_content)
				continue;
			if (!add_found(out, &cap, e->name))
				return GR_NOMEM;
			problems_add(r->problems, PROBLEM_ERROR,
				     "forbidden.present", e->name, 0,
				     "Remove it from the submission: it must not be sent back.",
				     by_name ? "%s is %s and must not be submitted"
					     : "%s has the content of %s and must not be submitted",
				     e->name, rule->name);
		}
		out->ok = out->n_found == 0;
	}
	return r->problems->nomem ? GR_NOMEM : GR_OK;
}

/* Reads and validates every results file; keeps the parsed files and
 * their raw bytes for the comparison and the scoring. */
/* One model a results file of the challenge, none found yet: the scorecard
 * lists them even for an archive that is refused. */
static enum gr_status
init_models(struct grade_report *r, const struct challenge *c)
{
	r->models = calloc(c->n_result_files + 1, sizeof *r->models);
	if (r->models == NULL)
		return GR_NOMEM;
	r->n_models = c->n_result_files;
	for (size_t m = 0; m < c->n_result_files; m++)
		if ((r->models[m].file = strdup(c->result_files[m])) == NULL)
			return GR_NOMEM;
	return GR_OK;
}

static enum gr_status
check_results(struct grade_report *r, const struct challenge *c,
	      struct submission *s, struct results_file *parsed,
	      unsigned char **raw, size_t *raw_len)
{
	for (size_t m = 0; m < c->n_result_files; m++) {
		struct grade_model *model = &r->models[m];
		const char *name = c->result_files[m];
		long at;
		enum gr_status st;

		at = layout_find_results(s, name, c->result_files,
					 c->n_result_files, r->problems);
		if (r->problems->nomem)
			return GR_NOMEM;
		if (at < 0)
			continue;
		model->path = strdup(submission_entry(s, (size_t)at)->name);
		if (model->path == NULL)
			return GR_NOMEM;
		memcpy(model->sha256, submission_entry(s, (size_t)at)->sha256,
		       sizeof model->sha256);
		st = submission_read(s, (size_t)at, &raw[m], &raw_len[m],
				     r->problems);
		if (st == GR_NOMEM)
			return GR_NOMEM;
		if (st != GR_OK)
			continue;
		st = results_parse(name, raw[m], raw_len[m], c->rows,
				   (size_t)c->limits.line_bytes, &parsed[m],
				   r->problems);
		if (st == GR_NOMEM)
			return GR_NOMEM;
		model->rows = parsed[m].rows;
		model->valid = st == GR_OK;
	}
	/* The same model twice is worth a warning: compare each pair once. */
	for (size_t a = 0; a < r->n_models; a++)
		for (size_t b = a + 1; b < r->n_models; b++)
			if (r->models[a].valid && r->models[b].valid &&
			    results_compare(r->models[a].file, raw[a],
					    raw_len[a], &parsed[a],
					    r->models[b].file, raw[b],
					    raw_len[b], &parsed[b],
					    r->problems) == GR_NOMEM)
				return GR_NOMEM;
	return GR_OK;
}

/*
 * The best model, and what the scores say beyond the AUC: a model below
 * 0.5 (the other class's probabilities), and why a standard error or the
 * paired test is missing where the scorecard holds nulls.
 */
static void
warn_about_scores(struct grade_report *r)
{
	for (size_t m = 0; m < r->n_models; m++) {
		const struct grade_model *g = &r->models[m];
		char a4[NUMBER_BUF];
		if (!g->scored)
			continue;
		if (r->best < 0 || g->auc.auc > r->models[r->best].auc.auc)
			r->best = (int)m;
		if (g->auc.auc < 0.5) {
			uint64_t den = 2 * g->auc.positives * g->auc.negatives;
			char a[NUMBER_BUF], b[NUMBER_BUF];

			problems_add(r->problems, PROBLEM_WARNING,
				     "auc.below_half", g->file, 0,
				     "Check that the file holds the probability of the positive class (1), not of class 0.",
				     "AUC %s is below 0.5: with 1 - p this model would score %s",
				     number_format_as(g->auc.auc, NUMBER_FIXED,
						      4, a),
				     number_format_as(auc_ratio(den - g->auc.u2,
								den),
						      NUMBER_FIXED, 4, b));
		}
		/* The scorecard then holds nulls; this says why. */
		if (!g->auc.se_valid && (g->auc.positives < 2 ||
		    g->auc.negatives < 2))
			problems_add(r->problems, PROBLEM_WARNING,
				     "auc.no_standard_error", g->file, 0,
				     "A standard error needs at least 2 rows of each class in the holdout.",
				     "no standard error or confidence interval: the holdout has fewer than 2 %s",
				     g->auc.positives < 2 ? "positives" : "negatives");
		else if (!g->auc.se_valid)
			problems_add(r->problems, PROBLEM_WARNING,
				     "auc.no_standard_error", g->file, 0,
				     "Nothing to fix: the AUC itself is exact.",
				     "no standard error or confidence interval: every positive is placed alike against the negatives, and every negative against the positives (AUC %s), so the DeLong variance is 0",
				     number_format_as(g->auc.auc, NUMBER_FIXED,
						      4, a4));
	}
	if (r->has_comparison && !r->comparison.valid)
		problems_add(r->problems, PROBLEM_WARNING, "auc.no_paired_test",
			     NULL, 0,
			     "Nothing to fix: with no variance there is no test to make; the AUC difference is exact.",
			     "no paired test: the difference between %s and %s has no DeLong variance (the two files place the rows alike)",
			     r->models[0].file, r->models[1].file);
}

static enum gr_status
score(struct grade_report *r, const struct holdout *h,
      const struct results_file *parsed)
{
	const double **scores = calloc(r->n_models + 1, sizeof *scores);
	size_t *index = calloc(r->n_models + 1, sizeof *index);
	struct auc_model *models = calloc(r->n_models + 1, sizeof *models);
	struct auc_comparison cmp = { 0 };
	enum auc_status st = AUC_OK;
	size_t k = 0;

	if (scores == NULL || index == NULL || models == NULL)
		st = AUC_NOMEM;
	for (size_t m = 0; st == AUC_OK && m < r->n_models; m++) {
		/* Both counts were checked against the challenge's rows. */
		if (r->models[m].valid && parsed[m].rows == h->rows) {
			scores[k] = parsed[m].values;
			index[k++] = m;
		}
	}
	if (st == AUC_OK && k > 0)
		st = auc_evaluate(h->labels, h->rows, scores, k,
				  AUC_WANT_DELONG | AUC_WANT_ROC, models, &cmp);
	if (st == AUC_OK) {
		for (size_t j = 0; j < k; j++) {
			r->models[index[j]].auc = models[j];
			r->models[index[j]].scored = 1;
		}
		/* The paired test is defined for the first two files. */
		if (k >= 2 && index[0] == 0 && index[1] == 1) {
			r->has_comparison = 1;
			r->comparison = cmp;
		}
	} else if (st != AUC_NOMEM) {
		problems_add(r->problems, PROBLEM_ERROR, "auc.failed", NULL, 0,
			     NULL, "the AUC cannot be computed: %s",
			     auc_status_message(st));
	}
	free(scores);
	free(index);
	free(models);
	if (st == AUC_NOMEM)
		return GR_NOMEM;

	warn_about_scores(r);
	return r->problems->nomem ? GR_NOMEM : GR_OK;
}

/* Decides the status from what was found (docs/scorecard.md, "status";
 * the exit codes follow it, docs/grader.1). */
static enum grade_status
decide(const struct grade_report *r, const struct challenge *c, int scoring)
{
	size_t valid = 0;
	int deliverables_ok = 1;

	for (size_t i = 0; i < r->n_deliverables; i++)
		deliverables_ok &= r->deliverables[i].ok;
	for (size_t i = 0; i < r->n_forbidden; i++)
		deliverables_ok &= r->forbidden[i].ok;
	if (!challenge_is_scored(c))
		return deliverables_ok ? GRADE_PASS : GRADE_FAIL;
	for (size_t m = 0; m < r->n_models; m++)
		valid += r->models[m].valid;
	if (valid == 0)
		return GRADE_INVALID;
	if (!scoring) {
		/* check: every results file must be right to be ready. */
		if (valid < r->n_models)
			return GRADE_INVALID;
		return deliverables_ok ? GRADE_PASS : GRADE_FAIL;
	}
	if (valid < r->n_models || !deliverables_ok || r->best < 0)
		return GRADE_FAIL;
	if (!(r->models[r->best].auc.auc >= r->pass_auc))
		return GRADE_FAIL;
	return GRADE_PASS;
}

/*
 * Opens the submission into *s and records its identity: its bytes and
 * SHA-256, also for a zip that is refused (a zip's identity is its bytes,
 * hostile or not, so that a batch can still find it twice).  Returns what
 * submission_open() returned.
 */
static enum gr_status
open_submission(struct grade_report *r, const struct grade_options *opt,
		struct submission **s)
{
	struct stat sb;
	enum gr_status st;

	st = submission_open(opt->submission, &opt->challenge->limits, s,
			     r->problems);
	if (st == GR_NOMEM || st == GR_IO)
		return st;
	r->opened = 1;
	if (*s != NULL) {
		r->identified = 1;
		r->bytes = submission_bytes(*s);
		memcpy(r->sha256, submission_sha256(*s), 32);
	} else if (stat(opt->submission, &sb) == 0 && S_ISREG(sb.st_mode)) {
		r->identified = digest_file(opt->submission, r->sha256,
					    &r->bytes) == 0;
	}
	return st;
}

enum gr_status
grade_run(const struct grade_options *opt, struct grade_report **out)
{
	const struct challenge *c = opt->challenge;
	struct grade_report *r;
	struct submission *s = NULL;
	struct results_file *parsed = NULL;
	unsigned char **raw = NULL;
	size_t *raw_len = NULL;
	enum gr_status st, ret = GR_OK;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (r == NULL || (r->problems = problems_new()) == NULL ||
	    (r->submission_name = display_name(opt->submission)) == NULL)
		goto nomem;
	r->challenge_id = c->id;
	r->best = -1;
	r->pass_auc = opt->pass_auc_set ? opt->pass_auc : c->pass_auc;
	r->status = GRADE_INVALID;
	if (opt->holdout != NULL) {
		r->has_holdout = 1;
		memcpy(r->holdout_sha256, opt->holdout->sha256, 32);
	}

	if (init_models(r, c) != GR_OK)
		goto nomem;
	st = open_submission(r, opt, &s);
	if (st == GR_NOMEM)
		goto nomem;
	if (st == GR_IO) {
		*out = r;
		return GR_IO;
	}
	if (st != GR_OK)
		goto done;	/* hostile or damaged: never scored */

	parsed = calloc(c->n_result_files + 1, sizeof *parsed);
	raw = calloc(c->n_result_files + 1, sizeof *raw);
	raw_len = calloc(c->n_result_files + 1, sizeof *raw_len);
	if (parsed == NULL || raw == NULL || raw_len == NULL)
		goto nomem;
	r->examined = 1;
	if (check_results(r, c, s, parsed, raw, raw_len) != GR_OK ||
	    check_deliverables(r, c, s) != GR_OK ||
	    measure_documents(r, c, s) != GR_OK ||
	    check_forbidden(r, c, s) != GR_OK)
		goto nomem;
	/*
	 * The archive and the files' bytes are done with: freed before
	 * scoring, so that the sort's buffers reuse their memory rather than
	 * fault in fresh pages.
	 */
	for (size_t m = 0; m < c->n_result_files; m++) {
		free(raw[m]);
		raw[m] = NULL;
	}
	submission_free(s);
	s = NULL;
	if (opt->holdout != NULL && score(r, opt->holdout, parsed) != GR_OK)
		goto nomem;
	r->status = decide(r, c, opt->holdout != NULL);
	goto done;

nomem:
	grade_report_free(r);
	r = NULL;
	ret = GR_NOMEM;
done:
	for (size_t m = 0; parsed != NULL && raw != NULL &&
	    m < c->n_result_files; m++) {
		results_release(&parsed[m]);
		free(raw[m]);
	}
	free(parsed);
	free(raw);
	free(raw_len);
	submission_free(s);
	*out = r;
	return ret;
}
