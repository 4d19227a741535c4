/*
 * main.c: challenge-data, the challenges' data from a seed.
 *
 *	challenge-data [--seed N] [--root DIR]
 *
 * Writes, under DIR (default: the working directory, the repository's
 * root when run by `make challenge-data`):
 *
 *	challenges/insurance-claims/data/train.csv, test.csv, holdout.csv
 *	challenges/data-findings/data/health_programs.csv
 *	dist/insurance-claims.zip	README.md, challenge.json, train.csv,
 *					test.csv
 *	dist/data-findings.zip		README.md, challenge.json, the table
 *
 * (README.md and challenge.json each when the challenge has one; the
 * zipped challenge.json has no "holdout" key)
 *
 * and prints the files' SHA-256 for challenge.json's forbidden rules.  The
 * same seed gives the same bytes on every machine: a PRNG of our own, no
 * locale (this program never calls setlocale), numbers formatted from
 * integers, and zips with fixed dates.  The default seed is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cdata.h"
#include "digest.h"
#include "distzip.h"
#include "readfile.h"

#define DEFAULT_SEED 1
#define README_MAX_BYTES (1u << 20)

static const char usage[] =
	"usage: challenge-data [--seed N] [--root DIR]\n"
	"Writes the challenges' data, holdouts and dist/ zips under DIR\n"
	"(default .) from seed N (default 1), and prints their SHA-256.\n";

static void
sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char sum[DIGEST_SHA256_LEN];

	digest_sha256(data, len, sum);
	digest_hex(sum, hex);
}

/* Writes one data file under root and prints its line and its sum. */
static int
emit(const char *root, const char *rel, const struct cdata_file *f,
     const char *what, char hex[65])
{
	char path[4096];
	int err;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	err = writefile_atomic(path, f->text, f->len);
	if (err != 0) {
		fprintf(stderr, "challenge-data: %s: %s\n", path, strerror(err));
		return -1;
	}
	sha256_hex(f->text, f->len, hex);
	printf("%s: %s\n    sha256 %s\n", rel, what, hex);
	return 0;
}

/* Reads a challenge's README.md; NULL with *len 0 when it is not there. */
static unsigned char *
read_readme(const char *root, const char *challenge, size_t *len)
{
	char path[4096];
	unsigned char *data = NULL;

	snprintf(path, sizeof path, "%s/challenges/%s/README.md", root,
		 challenge);
	*len = 0;
	if (readfile(path, README_MAX_BYTES, &data, len) != 0)
		return NULL;
	return data;
}

/*
 * The challenge's rules as a candidate gets them: challenge.json without
 * its "holdout" key, so that `grader check --challenge` works on the
 * unzipped folder and nothing points at labels the candidate must not
 * have.  NULL when the file is not there or is not JSON (verify says why);
 * the caller frees the text with cJSON_free().
 */
static char *
candidates_rules(const char *root, const char *challenge)
{
	char path[4096];
	unsigned char *data = NULL;
	size_t len = 0;
	cJSON *json;
	char *text;

	snprintf(path, sizeof path, "%s/challenges/%s/challenge.json", root,
		 challenge);
	if (readfile(path, README_MAX_BYTES, &data, &len) != 0)
		return NULL;
	json = cJSON_ParseWithLength((const char *)data, len);
	free(data);
	if (json == NULL)
		return NULL;
	cJSON_DeleteItemFromObjectCaseSensitive(json, "holdout");
	text = cJSON_Print(json);
	cJSON_Delete(json);
	return text;
}

/* Zips a challenge's README.md and challenge.json (each when there) and
 * its data files under dist/, in one folder named for the challenge. */
static int
emit_zip(const char *root, const char *challenge,
	 const char *const *names, const struct cdata_file *const *files,
	 int n)
{
	struct distzip_entry e[8];
	char names_in_zip[8][256], path[4096], err[512], hex[65];
	size_t readme_len;
	unsigned char *readme = read_readme(root, challenge, &readme_len);
	char *rules = candidates_rules(root, challenge);
	int k = 0, rc;

	if (readme != NULL) {
		snprintf(names_in_zip[k], sizeof names_in_zip[k],
			 "%s/README.md", challenge);
		e[k] = (struct distzip_entry){ names_in_zip[k], readme,
					       readme_len };
		k++;
	}
	if (rules != NULL) {
		snprintf(names_in_zip[k], sizeof names_in_zip[k],
			 "%s/challenge.json", challenge);
		e[k] = (struct distzip_entry){ names_in_zip[k], rules,
					       strlen(rules) };
		k++;
	}
	for (int i = 0; i < n && k < 8; i++, k++) {
		snprintf(names_in_zip[k], sizeof names_in_zip[k], "%s/%s",
			 challenge, names[i]);
		e[k] = (struct distzip_entry){ names_in_zip[k], files[i]->text,
					       files[i]->len };
	}
	snprintf(path, sizeof path, "%s/dist/%s.zip", root, challenge);
	rc = distzip_write(path, e, k, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, "challenge-data: %s\n", err);
	} else {
		unsigned char sum[DIGEST_SHA256_LEN];
		uint64_t bytes;

		if (digest_file(path, sum, &bytes) == 0)
			digest_hex(sum, hex);
		else
			snprintf(hex, sizeof hex, "(unreadable)");
		printf("dist/%s.zip: %s%s%d data file%s\n    sha256 %s\n",
		       challenge, readme ? "README.md, " :
		       "no README.md (not written yet), ",
		       rules ? "challenge.json (no holdout key), " :
		       "no challenge.json, ", n, n == 1 ? "" : "s", hex);
	}
	free(readme);
	cJSON_free(rules);
	return rc;
}

static int
make_folders(const char *root)
{
	static const char *const dirs[] = {
		"challenges/insurance-claims/data",
		"challenges/data-findings/data",
		"dist",
	};
	char path[4096];

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		int err;

		snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
		err = makedirs(path);
		if (err != 0) {
			fprintf(stderr, "challenge-data: %s: %s\n", path,
				strerror(err));
			return -1;
		}
	}
	return 0;
}

static int
insurance(const char *root, uint64_t seed)
{
	struct insurance_data d;
	char what[200], train_hex[65], test_hex[65], hold_hex[65];
	static const char *const names[] = { "train.csv", "test.csv" };
	const struct cdata_file *files[2];
	int rc = -1;

	if (insurance_make(seed, &d) != 0) {
		fprintf(stderr, "challenge-data: out of memory\n");
		return -1;
	}
	snprintf(what, sizeof what, "%ld rows, %ld with y = 1 (%.1f%%)",
		 d.train_rows, d.train_positives,
		 100.0 * (double)d.train_positives / (double)d.train_rows);
	if (emit(root, "challenges/insurance-claims/data/train.csv", &d.train,
		 what, train_hex) != 0)
		goto out;
	snprintf(what, sizeof what, "%ld rows", d.test_rows);
	if (emit(root, "challenges/insurance-claims/data/test.csv", &d.test,
		 what, test_hex) != 0)
		goto out;
	snprintf(what, sizeof what,
		 "%ld labels, %ld positive (%.1f%%); the ceiling AUC %.3f",
		 d.test_rows, d.test_positives,
		 100.0 * (double)d.test_positives / (double)d.test_rows,
		 d.ceiling_auc);
	if (emit(root, "challenges/insurance-claims/data/holdout.csv",
		 &d.holdout, what, hold_hex) != 0)
		goto out;
	files[0] = &d.train;
	files[1] = &d.test;
	if (emit_zip(root, "insurance-claims", names, files, 2) != 0)
		goto out;
	printf("challenges/insurance-claims/challenge.json, forbidden "
	       "\"original data\":\n    \"sha256\": [\"%s\",\n"
	       "               \"%s\"]\n", train_hex, test_hex);
	rc = 0;
out:
	insurance_free(&d);
	return rc;
}

static int
health(const char *root, uint64_t seed)
{
	struct cdata_file f;
	static const char *const names[] = { "health_programs.csv" };
	const struct cdata_file *files[1] = { &f };
	char what[100], hex[65];
	int rc;

	if (health_make(seed, &f) != 0) {
		fprintf(stderr, "challenge-data: out of memory\n");
		return -1;
	}
	snprintf(what, sizeof what, "%ld rows", f.lines - 1);
	rc = emit(root, "challenges/data-findings/data/health_programs.csv",
		  &f, what, hex);
	if (rc == 0)
		rc = emit_zip(root, "data-findings", names, files, 1);
	free(f.text);
	return rc;
}

static int
parse_seed(const char *s, uint64_t *seed)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*seed = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

int
main(int argc, char **argv)
{
	uint64_t seed = DEFAULT_SEED;
	const char *root = ".";

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (parse_seed(argv[++i], &seed) != 0) {
				fprintf(stderr, "challenge-data: --seed takes "
					"a whole number, not '%s'\n", argv[i]);
				return 64;
			}
		} else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
			root = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		} else {
			fputs(usage, stderr);
			return 64;
		}
	}
	printf("challenge-data: seed %llu\n", (unsigned long long)seed);
	if (make_folders(root) != 0 || insurance(root, seed) != 0 ||
	    health(root, seed) != 0)
		return 1;
	fflush(stdout);
	if (ferror(stdout)) {
		fprintf(stderr, "challenge-data: cannot write the output\n");
		return 74;
	}
	return 0;
}
