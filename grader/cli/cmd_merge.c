/*
 * cmd_merge.c: grader merge OUTDIR... -o OUTDIR
 *
 * Joins the output folders of several batch runs (the shards of one batch,
 * or batches of different days) into one: every scorecard, its page, and a
 * leaderboard over them all, made as one batch over every submission would
 * make it.  Scorecards are copied byte for byte; nothing is graded again.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "options.h"
#include "grow.h"
#include "leaderboard.h"
#include "readfile.h"
#include "schema.h"
#include "scorecard.h"

/* One scorecard found in an input folder. */
struct found {
	char *name;		/* file stem */
	const char *dir;	/* where it was found first */
	unsigned char *text;	/* its bytes */
	size_t len;
	cJSON *card;
};

struct merge {
	struct found *cards;
	size_t n, cap;
	char *challenge;	/* of the first scorecard */
	char *holdout;		/* holdout_sha256 of the first, or NULL */
	cJSON **boards;		/* the inputs' leaderboard.json */
	size_t n_boards, boards_cap;
	struct leaderboard *lb;	/* over every scorecard found */
	struct outdir_card *published;	/* the cards, as outdir_publish()
					 * takes them */
	size_t counts[SCHEMA_N_STATUSES];	/* rows by status */
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->name,
	    ((const struct found *)b)->name);
}

/*
 * Looks for a scorecard of the same stem found before.  Returns -1 when
 * there is none, EXIT_PASS when there is one with the same bytes (the
 * same file in two folders: taken once), EXIT_DATAERR (with a message)
 * when its bytes differ.
 */
static int
seen_before(const struct merge *mg, const char *dir, const char *file,
	    size_t stem, const unsigned char *text, size_t len)
{
	for (size_t i = 0; i < mg->n; i++) {
		const struct found *f = &mg->cards[i];

		if (strlen(f->name) != stem || strncmp(f->name, file, stem) != 0)
			continue;
		if (f->len == len && memcmp(f->text, text, len) == 0)
			return EXIT_PASS;
		fprintf(stderr, "grader merge: %s/%s and %s/%s differ: the "
		    "same submission was graded twice, differently; keep one\n",
		    f->dir, file, dir, file);
		return EXIT_DATAERR;
	}
	return -1;
}

/*
 * Whether a parsed file (card may be NULL) is a scorecard of the merge's
 * challenge and holdout: the first one sets them.  Returns an exit code,
 * EXIT_DATAERR with a message naming path.
 */
static int
check_card(struct merge *mg, const char *path, const cJSON *card)
{
	struct scorecard_view v;
	const char *ch, *hs;

	scorecard_view(card, &v);
	ch = v.challenge;
	hs = v.holdout_sha256;
	if (card == NULL || ch == NULL || v.submission == NULL) {
		fprintf(stderr, "grader merge: %s is not a scorecard\n", path);
		return EXIT_DATAERR;
	}
	if (mg->challenge == NULL) {
		mg->challenge = strdup(ch);
		mg->holdout = hs != NULL ? strdup(hs) : NULL;
		return mg->challenge == NULL || (hs != NULL &&
		    mg->holdout == NULL) ? EXIT_SOFTWARE : EXIT_PASS;
	}
	if (strcmp(ch, mg->challenge) != 0 ||
	    (hs == NULL) != (mg->holdout == NULL) ||
	    (hs != NULL && strcmp(hs, mg->holdout) != 0)) {
		fprintf(stderr, "grader merge: %s was graded for another "
		    "challenge or holdout than the others (challenge %s); "
		    "one leaderboard cannot rank them together\n", path, ch);
		return EXIT_DATAERR;
	}
	return EXIT_PASS;
}

/* Appends a scorecard, which the merge then owns (text and card too, on
 * failure as well). */
static int
append_card(struct merge *mg, const char *dir, const char *file,
	    size_t stem, unsigned char *text, size_t len, cJSON *card)
{
	struct found *f;

	if (ALLOC_GROW(mg->cards, mg->n + 1, mg->cap) != 0) {
		cJSON_Delete(card);
		free(text);
		return EXIT_SOFTWARE;
	}
	f = &mg->cards[mg->n];
	f->name = strndup(file, stem);
	f->dir = dir;
	f->text = text;
	f->len = len;
	f->card = card;
	if (f->name == NULL) {
		cJSON_Delete(card);
		free(text);
		return EXIT_SOFTWARE;
	}
	mg->n++;
	return EXIT_PASS;
}

/*
 * Takes one scorecard file of an input folder.  Returns an exit code:
 * EXIT_DATAERR (with a message) when it is not a scorecard, when it
 * belongs to another challenge or holdout than the first one, or when a
 * scorecard of the same name with other bytes was found before.
 */
static int
take_card(struct merge *mg, const char *dir, const char *file)
{
	char *path = outdir_path(dir, file, "");
	unsigned char *text;
	size_t len, stem = strlen(file) - 5;
	cJSON *card;
	int err;

	if (path == NULL)
		return EXIT_SOFTWARE;
	err = readfile(path, OUTDIR_MAX_JSON, &text, &len);
	if (err != 0) {
		fprintf(stderr, "grader merge: cannot read %s: %s\n", path,
			strerror(err));
		free(path);
		return err == ENOMEM ? EXIT_SOFTWARE : EXIT_NOINPUT;
	}
	err = seen_before(mg, dir, file, stem, text, len);
	if (err >= 0) {
		free(path);
		free(text);
		return err;
	}
	card = cJSON_ParseWithLength((const char *)text, len);
	err = check_card(mg, path, card);
	free(path);
	if (err != EXIT_PASS) {
		cJSON_Delete(card);
		free(text);
		return err;
	}
	return append_card(mg, dir, file, stem, text, len, card);
}

/* Reads one input folder: its scorecards and its leaderboard.json. */
static int
take_dir(struct merge *mg, const char *dir)
{
	struct dirent **list;
	int count = scandir(dir, &list, NULL, alphasort), code = EXIT_PASS;

	if (count < 0) {
		fprintf(stderr, "grader merge: cannot read %s: %s\n", dir,
			strerror(errno));
		return EXIT_NOINPUT;
	}
	for (int i = 0; i < count; i++) {
		const char *file = list[i]->d_name;
		size_t len = strlen(file);

		if (code != EXIT_PASS || len <= 5 ||
		    strcmp(file + len - 5, ".json") != 0 || file[0] == '.')
			continue;
		if (strcmp(file, "leaderboard.json") == 0) {
			char *path = outdir_path(dir, file, "");
			cJSON *board = path != NULL ? outdir_read_json(path) :
			    NULL;

			free(path);
			if (ALLOC_GROW(mg->boards, mg->n_boards + 1,
				       mg->boards_cap) != 0) {
				cJSON_Delete(board);
				code = EXIT_SOFTWARE;
				continue;
			}
			if (board != NULL)
				mg->boards[mg->n_boards++] = board;
			continue;
		}
		code = take_card(mg, dir, file);
	}
	for (int i = 0; i < count; i++)
		free(list[i]);
	free(list);
	return code;
}

/* Copies a scorecard into the output folder unless it is already there. */
static int
copy_card(const char *outdir, const struct found *f)
{
	char *path = outdir_path(outdir, f->name, ".json");
	unsigned char *old;
	size_t len;
	int same = 0;

	if (path == NULL)
		return EXIT_SOFTWARE;
	if (readfile(path, OUTDIR_MAX_JSON, &old, &len) == 0) {
		same = len == f->len && memcmp(old, f->text, len) == 0;
		free(old);
	}
	free(path);
	return same ? EXIT_PASS : outdir_put(outdir, f->name, ".json",
	    (const char *)f->text, f->len, 0);
}

/*
 * The leaderboard of every scorecard found (sorted by name), counted by
 * status.  Returns an exit code: EXIT_DATAERR (with a message) when one is
 * not a graded scorecard.
 */
static int
rank_cards(struct merge *mg)
{
	qsort(mg->cards, mg->n, sizeof mg->cards[0], compare_names);
	mg->lb = leaderboard_new();
	mg->published = calloc(mg->n + 1, sizeof *mg->published);
	if (mg->lb == NULL || mg->published == NULL)
		return EXIT_SOFTWARE;
	for (size_t i = 0; i < mg->n; i++) {
		const struct found *f = &mg->cards[i];
		enum leaderboard_status ls = leaderboard_add(mg->lb, f->name,
		    f->card);

		if (ls == LEADERBOARD_NOT_A_SCORECARD) {
			fprintf(stderr, "grader merge: %s/%s.json is not a "
			    "graded scorecard\n", f->dir, f->name);
			return EXIT_DATAERR;
		}
		if (ls == LEADERBOARD_NOMEM)
			return EXIT_SOFTWARE;
		mg->published[i].name = f->name;
		mg->published[i].card = f->card;
		/* leaderboard_add() took it: pass, fail or invalid. */
		mg->counts[schema_status_of(scorecard_get_string(f->card,
		    SCHEMA_KEY_STATUS))]++;
	}
	return EXIT_PASS;
}

/*
 * Writes the output folder: the scorecards, then, with the ungraded rows
 * of the inputs' leaderboards kept, the pages and the leaderboard.
 */
static int
write_outdir(struct merge *mg, const char *outdir)
{
	int code = EXIT_PASS, err = makedirs(outdir);

	if (err != 0) {
		fprintf(stderr, "grader merge: cannot make %s: %s\n", outdir,
			strerror(err));
		return err == ENOMEM ? EXIT_SOFTWARE : EXIT_IOERR;
	}
	for (size_t i = 0; i < mg->n && code == EXIT_PASS; i++)
		code = copy_card(outdir, &mg->cards[i]);
	/* Ungraded submissions stay on the leaderboard until graded. */
	for (size_t b = 0; b < mg->n_boards && code == EXIT_PASS; b++) {
		size_t before = leaderboard_rows(mg->lb);

		if (leaderboard_add_errors_from(mg->lb, mg->boards[b]) !=
		    LEADERBOARD_OK)
			code = EXIT_SOFTWARE;
		mg->counts[SCHEMA_ERROR] += leaderboard_rows(mg->lb) - before;
	}
	if (code != EXIT_PASS)
		return code;
	if (mg->challenge == NULL) {
		const char *ch = scorecard_get_string(mg->boards[0],
		    SCHEMA_KEY_CHALLENGE);

		if ((mg->challenge = strdup(ch != NULL ? ch : "")) == NULL)
			return EXIT_SOFTWARE;
	}
	return outdir_publish(outdir, mg->challenge, mg->lb, mg->published,
	    mg->n);
}

static void
merge_release(struct merge *mg)
{
	for (size_t i = 0; i < mg->n; i++) {
		free(mg->cards[i].name);
		free(mg->cards[i].text);
		cJSON_Delete(mg->cards[i].card);
	}
	free(mg->cards);
	for (size_t b = 0; b < mg->n_boards; b++)
		cJSON_Delete(mg->boards[b]);
	free(mg->boards);
	free(mg->challenge);
	free(mg->holdout);
	free(mg->published);
	leaderboard_free(mg->lb);
}

/* Reads every input folder, then checks and ranks what was found; every
 * input is sound when it returns EXIT_PASS. */
static int
read_inputs(struct merge *mg, int n, char **dirs)
{
	int code = EXIT_PASS;

	for (int i = 0; i < n && code == EXIT_PASS; i++)
		code = take_dir(mg, dirs[i]);
	if (code != EXIT_PASS)
		return code;
	if (mg->n == 0 && mg->n_boards == 0) {
		fprintf(stderr, "grader merge: no scorecards in %s%s\n",
			dirs[0], n > 1 ? " and the others" : "");
		return EXIT_NOINPUT;
	}
	return rank_cards(mg);
}

int
cmd_merge(int argc, char **argv)
{
	const char *outdir = NULL;
	const struct cli_option opts[] = {
		{ "output", 'o', &outdir, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct merge mg = { 0 };
	size_t rows;
	int code, first, n;

	if ((code = cli_options("merge", argc, argv, opts, &first)) >= 0)
		return code;
	if (first >= argc)
		return cli_usage_error("merge", "missing OUTDIR...");
	if (outdir == NULL)
		return cli_usage_error("merge", "missing -o OUTDIR");
	n = argc - first;
	code = read_inputs(&mg, n, argv + first);
	/* Only once every input is sound is anything written. */
	if (code == EXIT_PASS)
		code = write_outdir(&mg, outdir);
	if (code == EXIT_PASS) {
		rows = leaderboard_rows(mg.lb);
		printf("%zu submission%s from %d folder%s: %zu pass, %zu fail, "
		       "%zu invalid, %zu not graded\n", rows,
		       rows == 1 ? "" : "s", n, n == 1 ? "" : "s",
		       mg.counts[SCHEMA_PASS], mg.counts[SCHEMA_FAIL],
		       mg.counts[SCHEMA_INVALID], mg.counts[SCHEMA_ERROR]);
		printf("Leaderboard: %s/leaderboard.csv, %s/index.html\n",
		       outdir, outdir);
		code = cli_finish(code);
	}
	merge_release(&mg);
	return code;
}
