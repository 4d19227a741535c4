/*
 * challenge.c: challenge.json.
 *
 * Every key is checked against a list of the keys its object may hold, and
 * every value against its type and range, before anything is used: a
 * challenge that would grade differently from what its author meant is
 * refused as a whole (exit 65), with the JSON path of the offending key.
 */
#include "challenge.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "number.h"

#define CHALLENGE_JSON_MAX (1u << 20)	/* a definition is a few KB */

static void
rule_release(struct challenge_rule *r)
{
	free(r->name);
	for (size_t i = 0; i < r->n_patterns; i++)
		free(r->patterns[i]);
	free(r->patterns);
	free(r->sha256);
}

/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
void
challenge_free(struct challenge *c)
{
	if (c == NULL)
		return;
	free(c->id);
	free(c->title);
	free(c->dir);
	for (size_t i = 0; i < c->n_result_files; i++)
		free(c->result_files[i]);
	free(c->result_files);
	free(c->holdout);
	for (size_t i = 0; i < c->n_deliverables; i++)
		rule_release(&c->deliverables[i]);
	free(c->deliverables);
	for (size_t i = 0; i < c->n_forbidden; i++)
		rule_release(&c->forbidden[i]);
	free(c->forbidden);
	free(c);
}

/* The state of one parse: where problems go, and how many errors
 * concerning challenge.json the list held before it. */
struct parser {
	struct problem_list *problems;
	size_t errors_before;
};

/* Whether this parse has found an error. */
static int
is_bad(const struct parser *p)
{
	return problems_errors_in(p->problems, "challenge.json") >
	       p->errors_before;
}

static void
complain(struct parser *p, const char *code, const char *hint,
	 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
complain(struct parser *p, const char *code, const char *hint,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)problems_addv(p->problems, PROBLEM_ERROR, code, "challenge.json",
			    0, hint, fmt, ap);
	va_end(ap);
}

static char *
xstrdup(struct parser *p, const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		problems_nomem(p->problems);
	return d;
}

/* Reports every key of obj that is not in allowed (a NULL-ended list). */
static void
check_keys(struct parser *p, const cJSON *obj, const char *path,
	   const char *const *allowed)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, obj) {
		size_t i;
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(item->string, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			complain(p, "challenge.unknown_key",
				 "Remove the key or correct its spelling; see docs/challenge.md for the keys.",
				 "unknown key \"%s\" in %s", item->string,
				 path);
	}
}

static const char *
type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "true or false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	return "an object";
}

static void
wrong_type(struct parser *p, const char *path, const cJSON *v,
	   const char *want)
{
	complain(p, "challenge.type", NULL, "%s must be %s, not %s", path,
		 want, type_name(v));
}

/* A non-empty string without control characters; NULL otherwise. */
static const char *
get_string(struct parser *p, const cJSON *v, const char *path)
{
	if (!cJSON_IsString(v)) {
		wrong_type(p, path, v, "a string");
		return NULL;
	}
	if (v->valuestring[0] == '\0') {
		complain(p, "challenge.value", NULL, "%s must not be empty",
			 path);
		return NULL;
	}
	for (const char *s = v->valuestring; *s; s++)
		if ((unsigned char)*s < 0x20) {
			complain(p, "challenge.value", NULL,
				 "%s holds a control character", path);
			return NULL;
		}
	return v->valuestring;
}

/* An integer in [lo, hi], stored in *out; returns 0 when it is not. */
static int
get_integer(struct parser *p, const cJSON *v, const char *path, double lo,
	    double hi, uint64_t *out)
{
	if (!cJSON_IsNumber(v)) {
		wrong_type(p, path, v, "a number");
		return 0;
	}
	if (v->valuedouble != floor(v->valuedouble) || v->valuedouble < lo ||
	    v->valuedouble > hi) {
		char a[NUMBER_BUF], b[NUMBER_BUF], x[NUMBER_BUF];

		complain(p, "challenge.value", NULL,
			 "%s must be a whole number from %s to %s, not %s",
			 path, number_format_as(lo, NUMBER_FIXED, 0, a),
			 number_format_as(hi, NUMBER_FIXED, 0, b),
			 number_format_as(v->valuedouble, NUMBER_SIG, 17, x));
		return 0;
	}
	*out = (uint64_t)v->valuedouble;
	return 1;
}

/* A non-empty array of distinct non-empty strings, copied into *out. */
static int
get_string_array(struct parser *p, const cJSON *v, const char *path,
		 char ***out, size_t *n)
{
	const cJSON *item;
	size_t count, i = 0;
	char **list;

	if (!cJSON_IsArray(v)) {
		wrong_type(p, path, v, "an array of strings");
		return 0;
	}
	count = (size_t)cJSON_GetArraySize(v);
	if (count == 0) {
		complain(p, "challenge.value", NULL,
			 "%s must not be empty", path);
		return 0;
	}
	list = calloc(count, sizeof *list);
	if (list == NULL) {
		problems_nomem(p->problems);
		return 0;
	}
	cJSON_ArrayForEach(item, v) {
		char ipath[256];
		const char *s;
		snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
		if ((s = get_string(p, item, ipath)) == NULL)
			continue;
		for (size_t j = 0; j < i; j++)
			if (list[j] != NULL && strcmp(list[j], s) == 0)
				complain(p, "challenge.value", NULL,
					 "%s repeats \"%s\"", path, s);
		list[i++] = xstrdup(p, s);
	}
	*out = list;
	*n = i;
	return 1;
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A forbidden rule's "sha256": an array of sums in hexadecimal. */
static void
parse_sha256(struct parser *p, const cJSON *v, const char *kpath,
	     struct challenge_rule *r)
{
	const cJSON *item;
	size_t n, i = 0;

	if (!cJSON_IsArray(v)) {
		wrong_type(p, kpath, v, "an array of strings");
		return;
	}
	n = (size_t)cJSON_GetArraySize(v);
	r->sha256 = calloc(n ? n : 1, sizeof *r->sha256);
	if (r->sha256 == NULL) {
		problems_nomem(p->problems);
		return;
	}
	cJSON_ArrayForEach(item, v) {
		const char *h = cJSON_IsString(item) ? item->valuestring : NULL;
		int ok = h != NULL && strlen(h) == 64;
		for (size_t k = 0; ok && k < 32; k++) {
			int hi = hex_value((unsigned char)h[2 * k]);
			int lo = hex_value((unsigned char)h[2 * k + 1]);
			if (hi < 0 || lo < 0)
				ok = 0;
			else
				r->sha256[i][k] = (unsigned char)(hi << 4 | lo);
		}
		if (!ok) {
			complain(p, "challenge.value",
				 "Give each sum as 64 hexadecimal digits, as sha256sum prints it.",
				 "%s[%zu] is not a SHA-256 sum", kpath, i);
			continue;
		}
		i++;
	}
	r->n_sha256 = i;
}
/*
 * A range [MIN, MAX] of whole numbers, MIN <= MAX (a document longer than
 * 2^31 words or pages is not one a range needs to tell apart).
 */
static void
parse_range(struct parser *p, const cJSON *v, const char *path,
	    struct challenge_range *out)
{
	uint64_t lo, hi;
	char ipath[288];

	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2) {
		complain(p, "challenge.type",
			 "Give the range as two whole numbers, e.g. [1, 4].",
			 "%s must be an array [MIN, MAX], not %s", path,
			 cJSON_IsArray(v) ? "an array of another length"
					  : type_name(v));
		return;
	}
	snprintf(ipath, sizeof ipath, "%s[0]", path);
	if (!get_integer(p, cJSON_GetArrayItem(v, 0), ipath, 0, 2147483647.0,
			 &lo))
		return;
	snprintf(ipath, sizeof ipath, "%s[1]", path);
	if (!get_integer(p, cJSON_GetArrayItem(v, 1), ipath, 1, 2147483647.0,
			 &hi))
		return;
	if (lo > hi) {
		complain(p, "challenge.value", NULL,
			 "%s: the minimum %llu is above the maximum %llu",
			 path, (unsigned long long)lo, (unsigned long long)hi);
		return;
	}
	out->set = 1;
	out->min = lo;
	out->max = hi;
}

/* A deliverable's "length": {"pages": [MIN, MAX], "words": [MIN, MAX]},
 * either or both. */
static void
parse_length(struct parser *p, const cJSON *v, const char *path,
	     struct challenge_rule *r)
{
	static const char *const keys[] = { "pages", "words", NULL };
	char kpath[280];
	const cJSON *f;

	if (!cJSON_IsObject(v)) {
		wrong_type(p, path, v, "an object");
		return;
	}
	check_keys(p, v, path, keys);
	if ((f = cJSON_GetObjectItemCaseSensitive(v, "pages")) != NULL) {
		snprintf(kpath, sizeof kpath, "%s.pages", path);
		parse_range(p, f, kpath, &r->pages);
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(v, "words")) != NULL) {
		snprintf(kpath, sizeof kpath, "%s.words", path);
		parse_range(p, f, kpath, &r->words);
	}
	if (cJSON_GetArraySize(v) == 0)
		complain(p, "challenge.value",
			 "Give \"pages\": [MIN, MAX], \"words\": [MIN, MAX] or both.",
			 "%s is empty", path);
}

static void
parse_rule(struct parser *p, const cJSON *obj, const char *path,
	   int forbidden, struct challenge_rule *r)
{
	static const char *const deliverable_keys[] = {
		"name", "patterns", "required", "length", NULL
	};
	static const char *const forbidden_keys[] = {
		"name", "patterns", "sha256", NULL
	};
	char kpath[256];
	const cJSON *v;
	const char *s;

	if (!cJSON_IsObject(obj)) {
		wrong_type(p, path, obj, "an object");
		return;
	}
	check_keys(p, obj, path, forbidden ? forbidden_keys : deliverable_keys);
	snprintf(kpath, sizeof kpath, "%s.name", path);
	v = cJSON_GetObjectItemCaseSensitive(obj, "name");
	if (v == NULL)
		complain(p, "challenge.missing", NULL, "%s has no \"name\"",
			 path);
	else if ((s = get_string(p, v, kpath)) != NULL)
		r->name = xstrdup(p, s);

	snprintf(kpath, sizeof kpath, "%s.patterns", path);
	v = cJSON_GetObjectItemCaseSensitive(obj, "patterns");
	if (v != NULL)
		get_string_array(p, v, kpath, &r->patterns, &r->n_patterns);

	r->required = 1;
	if (!forbidden) {
		if (v == NULL)
			complain(p, "challenge.missing", NULL,
				 "%s has no \"patterns\"", path);
		v = cJSON_GetObjectItemCaseSensitive(obj, "required");
		if (v != NULL) {
			if (cJSON_IsBool(v))
				r->required = cJSON_IsTrue(v);
			else {
				snprintf(kpath, sizeof kpath, "%s.required",
					 path);
				wrong_type(p, kpath, v, "true or false");
			}
		}
		v = cJSON_GetObjectItemCaseSensitive(obj, "length");
		if (v != NULL) {
			snprintf(kpath, sizeof kpath, "%s.length", path);
			parse_length(p, v, kpath, r);
		}
		return;
	}

	r->required = 0;
	v = cJSON_GetObjectItemCaseSensitive(obj, "sha256");
	if (v != NULL) {
		snprintf(kpath, sizeof kpath, "%s.sha256", path);
		parse_sha256(p, v, kpath, r);
	}
	if (r->n_patterns == 0 && r->n_sha256 == 0 && !is_bad(p))
		complain(p, "challenge.missing", NULL,
			 "%s needs \"patterns\" or \"sha256\"", path);
}

static void
parse_rules(struct parser *p, const cJSON *v, const char *key, int forbidden,
	    struct challenge_rule **out, size_t *n)
{
	const cJSON *item;
	size_t count, i = 0;

	if (v == NULL)
		return;
	if (!cJSON_IsArray(v)) {
		wrong_type(p, key, v, "an array of objects");
		return;
	}
	count = (size_t)cJSON_GetArraySize(v);
	*out = calloc(count ? count : 1, sizeof **out);
	if (*out == NULL) {
		problems_nomem(p->problems);
		return;
	}
	cJSON_ArrayForEach(item, v) {
		char path[128];
		snprintf(path, sizeof path, "%s[%zu]", key, i);
		parse_rule(p, item, path, forbidden, &(*out)[i]);
		i++;
	}
	*n = i;
}

/* A base name: no folder separators, no "." or "..". */
static int
is_base_name(const char *s)
{
	return strchr(s, '/') == NULL && strchr(s, '\\') == NULL &&
	       strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static void
parse_results(struct parser *p, const cJSON *v, struct challenge *c)
{
	static const char *const keys[] = { "files", "rows", NULL };
	const cJSON *files, *rows;
	uint64_t n;

	if (!cJSON_IsObject(v)) {
		wrong_type(p, "results", v, "an object");
		return;
	}
	check_keys(p, v, "results", keys);
	files = cJSON_GetObjectItemCaseSensitive(v, "files");
	if (files == NULL)
		complain(p, "challenge.missing", NULL,
			 "results has no \"files\"");
	else if (get_string_array(p, files, "results.files", &c->result_files,
				  &c->n_result_files)) {
		for (size_t i = 0; i < c->n_result_files; i++)
			if (c->result_files[i] != NULL &&
			    !is_base_name(c->result_files[i]))
				complain(p, "challenge.value", NULL,
					 "results.files[%zu] must be a file name without a folder",
					 i);
	}
	rows = cJSON_GetObjectItemCaseSensitive(v, "rows");
	if (rows == NULL)
		complain(p, "challenge.missing", NULL,
			 "results has no \"rows\"");
	else if (get_integer(p, rows, "results.rows", 2, 2147483647.0, &n))
		c->rows = (size_t)n;
}

static void
parse_limits(struct parser *p, const cJSON *v, struct gr_limits *l)
{
	static const char *const keys[] = {
		"zip_bytes", "total_bytes", "entry_bytes", "entries",
		"line_bytes", NULL
	};
	static const struct {
		const char *key;
		size_t offset;
	} fields[] = {
		{ "zip_bytes", offsetof(struct gr_limits, zip_bytes) },
		{ "total_bytes", offsetof(struct gr_limits, total_bytes) },
		{ "entry_bytes", offsetof(struct gr_limits, entry_bytes) },
		{ "entries", offsetof(struct gr_limits, entries) },
		{ "line_bytes", offsetof(struct gr_limits, line_bytes) },
	};

	if (!cJSON_IsObject(v)) {
		wrong_type(p, "limits", v, "an object");
		return;
	}
	check_keys(p, v, "limits", keys);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(v,
							  fields[i].key);
		char path[64];
		uint64_t n;
		if (f == NULL)
			continue;
		snprintf(path, sizeof path, "limits.%s", fields[i].key);
		/* 2^53: the largest whole number a JSON double holds. */
		if (get_integer(p, f, path, 1, 9007199254740992.0, &n))
			*(uint64_t *)((char *)l + fields[i].offset) = n;
	}
}

static char *
join_path(const char *dir, const char *name)
{
	char *s;

	if (dir == NULL || name[0] == '/')
		return strdup(name);
	if (asprintf(&s, "%s/%s", dir, name) < 0)
		return NULL;
	return s;
}

/* "id" and "title". */
static void
parse_names(struct parser *p, const cJSON *root, struct challenge *c)
{
	const cJSON *v;
	const char *s;

	v = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (v == NULL)
		complain(p, "challenge.missing", NULL,
			 "challenge.json has no \"id\"");
	else if ((s = get_string(p, v, "id")) != NULL) {
		for (const char *q = s; *q; q++)
			if (!isalnum((unsigned char)*q) && *q != '-' &&
			    *q != '_' && *q != '.') {
				complain(p, "challenge.value", NULL,
					 "id may hold only letters, digits, '-', '_' and '.'");
				break;
			}
		c->id = xstrdup(p, s);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "title");
	if (v != NULL && (s = get_string(p, v, "title")) != NULL)
		c->title = xstrdup(p, s);
}

/* Every key of the top-level object, root. */
static void
parse_top(struct parser *p, const cJSON *root, const char *dir,
	  struct challenge *c)
{
	static const char *const keys[] = {
		"id", "title", "results", "pass_auc", "holdout",
		"deliverables", "forbidden", "limits", NULL
	};
	char x[NUMBER_BUF];
	const cJSON *v;
	const char *s;

	check_keys(p, root, "the top level", keys);
	parse_names(p, root, c);
	v = cJSON_GetObjectItemCaseSensitive(root, "results");
	if (v != NULL)
		parse_results(p, v, c);

	v = cJSON_GetObjectItemCaseSensitive(root, "pass_auc");
	if (v != NULL) {
		if (!cJSON_IsNumber(v))
			wrong_type(p, "pass_auc", v, "a number");
		else if (!(v->valuedouble >= 0.0 && v->valuedouble <= 1.0))
			complain(p, "challenge.value", NULL,
				 "pass_auc must be from 0 to 1, not %s",
				 number_format_as(v->valuedouble, NUMBER_SIG, 17,
						  x));
		else
			c->pass_auc = v->valuedouble;
	}

	v = cJSON_GetObjectItemCaseSensitive(root, "holdout");
	if (v != NULL && (s = get_string(p, v, "holdout")) != NULL) {
		c->holdout = join_path(dir, s);
		if (c->holdout == NULL)
			problems_nomem(p->problems);
	}

	parse_rules(p, cJSON_GetObjectItemCaseSensitive(root, "deliverables"),
		    "deliverables", 0, &c->deliverables, &c->n_deliverables);
	parse_rules(p, cJSON_GetObjectItemCaseSensitive(root, "forbidden"),
		    "forbidden", 1, &c->forbidden, &c->n_forbidden);

	v = cJSON_GetObjectItemCaseSensitive(root, "limits");
	if (v != NULL)
		parse_limits(p, v, &c->limits);

	if (cJSON_GetObjectItemCaseSensitive(root, "results") == NULL &&
	    cJSON_GetObjectItemCaseSensitive(root, "deliverables") == NULL)
		complain(p, "challenge.missing",
			 "Add \"results\" for a scored challenge, or \"deliverables\" for a deliverables-only one.",
			 "challenge.json has neither \"results\" nor \"deliverables\"");
}

/* A JSON syntax error, with the line cJSON stopped at. */
static enum gr_status
syntax_error(const char *json, size_t len, struct problem_list *problems)
{
	const char *at = cJSON_GetErrorPtr();
	long line = 1;

	if (at != NULL && at >= json && at <= json + len)
		for (const char *q = json; q < at; q++)
			line += *q == '\n';
	return problems_add(problems, PROBLEM_ERROR, "challenge.syntax",
			    "challenge.json", line,
			    "Check the JSON near this line: a missing comma or quote, or a trailing comma.",
			    "challenge.json is not valid JSON") == GR_OK
		   ? GR_UNUSABLE
		   : GR_NOMEM;
}

enum gr_status
challenge_parse(const char *json, size_t len, const char *dir,
		struct challenge **out, struct problem_list *problems)
{
	struct parser p;
	struct challenge *c;
	cJSON *root;

	assert(json != NULL && out != NULL && problems != NULL);
	*out = NULL;
	p.problems = problems;
	p.errors_before = problems_errors_in(problems, "challenge.json");
	root = cJSON_ParseWithLength(json, len);
	if (root == NULL)
		return syntax_error(json, len, problems);
	c = calloc(1, sizeof *c);
	if (c == NULL) {
		cJSON_Delete(root);
		return problems_nomem(problems);
	}
	c->pass_auc = CHALLENGE_DEFAULT_PASS_AUC;
	c->limits = gr_limits_default();
	if (dir != NULL)
		c->dir = xstrdup(&p, dir);
	if (cJSON_IsObject(root))
		parse_top(&p, root, dir, c);
	else
		wrong_type(&p, "the top level", root, "an object");
	cJSON_Delete(root);
	if (problems->nomem || is_bad(&p)) {
		challenge_free(c);
		return problems->nomem ? GR_NOMEM : GR_UNUSABLE;
	}
	*out = c;
	return GR_OK;
}

enum gr_status
challenge_load(const char *dir, struct challenge **out,
	       struct problem_list *problems)
{
	char *path = join_path(dir, "challenge.json");
	char *buf = NULL;
	struct stat st;
	enum gr_status status;
	FILE *f;
	size_t n;

	*out = NULL;
	if (path == NULL)
		return problems_nomem(problems);
	f = fopen(path, "rb");
	if (f == NULL || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		int err = f == NULL ? errno : EISDIR;
		if (f != NULL)
			fclose(f);
		status = problems_add(problems, PROBLEM_ERROR,
				      "challenge.unreadable", NULL, 0,
				      "Give --challenge the folder that holds challenge.json.",
				      "cannot read %s: %s", path,
				      strerror(err)) == GR_OK
			     ? GR_IO
			     : GR_NOMEM;
		free(path);
		return status;
	}
	if ((uint64_t)st.st_size > CHALLENGE_JSON_MAX) {
		fclose(f);
		status = problems_add(problems, PROBLEM_ERROR, "challenge.value",
				      "challenge.json", 0, NULL,
				      "%s is %lld bytes; a definition may not exceed %u",
				      path, (long long)st.st_size,
				      CHALLENGE_JSON_MAX) == GR_OK
			     ? GR_UNUSABLE
			     : GR_NOMEM;
		free(path);
		return status;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		fclose(f);
		free(path);
		return problems_nomem(problems);
	}
	n = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	free(path);
	status = challenge_parse(buf, n, dir, out, problems);
	free(buf);
	return status;
}

struct challenge *
challenge_default(void)
{
	static const char json[] =
	    "{\"id\": \"default\", \"results\": {\"files\": "
	    "[\"results1.csv\", \"results2.csv\"], \"rows\": 10000}}";
	struct problem_list *scratch = problems_new();
	struct challenge *c = NULL;

	if (scratch == NULL)
		return NULL;
	if (challenge_parse(json, sizeof json - 1, NULL, &c, scratch) != GR_OK)
		c = NULL;
	problems_free(scratch);
	return c;
}
