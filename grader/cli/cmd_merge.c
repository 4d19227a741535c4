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
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "leaderboard.h"
#include "readfile.h"

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
	size_t n_boards;
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->name,
	    ((const struct found *)b)->name);
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
	const char *ch, *hs;
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
	for (size_t i = 0; i < mg->n; i++) {
		struct found *f = &mg->cards[i];

		if (strlen(f->name) != stem || strncmp(f->name, file, stem) != 0)
			continue;
		free(path);
		if (f->len == len && memcmp(f->text, text, len) == 0) {
			free(text);
			return EXIT_PASS;
		}
		fprintf(stderr, "grader merge: %s/%s and %s/%s differ: the "
		    "same submission was graded twice, differently; keep one\n",
		    f->dir, file, dir, file);
		free(text);
		return EXIT_DATAERR;
	}
	card = cJSON_ParseWithLength((const char *)text, len);
	ch = outdir_string(card, "challenge");
	hs = outdir_string(card, "holdout_sha256");
	if (card == NULL || ch == NULL ||
	    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(card,
	    "submission"))) {
		fprintf(stderr, "grader merge: %s is not a scorecard\n", path);
		err = EXIT_DATAERR;
	} else if (mg->challenge == NULL) {
		mg->challenge = strdup(ch);
		mg->holdout = hs != NULL ? strdup(hs) : NULL;
		err = mg->challenge == NULL || (hs != NULL &&
		    mg->holdout == NULL) ? EXIT_SOFTWARE : EXIT_PASS;
	} else if (strcmp(ch, mg->challenge) != 0 ||
	    (hs == NULL) != (mg->holdout == NULL) ||
	    (hs != NULL && strcmp(hs, mg->holdout) != 0)) {
		fprintf(stderr, "grader merge: %s was graded for another "
		    "challenge or holdout than the others (challenge %s); "
		    "one leaderboard cannot rank them together\n", path, ch);
		err = EXIT_DATAERR;
	} else {
		err = EXIT_PASS;
	}
	free(path);
	if (err == EXIT_PASS && mg->n == mg->cap) {
		size_t cap = mg->cap ? 2 * mg->cap : 64;
		struct found *p = realloc(mg->cards, cap * sizeof *p);

		if (p == NULL) {
			err = EXIT_SOFTWARE;
		} else {
			mg->cards = p;
			mg->cap = cap;
		}
	}
	if (err != EXIT_PASS) {
		cJSON_Delete(card);
		free(text);
		return err;
	}
	mg->cards[mg->n].name = strndup(file, stem);
	mg->cards[mg->n].dir = dir;
	mg->cards[mg->n].text = text;
	mg->cards[mg->n].len = len;
	mg->cards[mg->n].card = card;
	if (mg->cards[mg->n].name == NULL) {
		cJSON_Delete(card);
		free(text);
		return EXIT_SOFTWARE;
	}
	mg->n++;
	return EXIT_PASS;
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
			    NULL, **boards;

			free(path);
			boards = realloc(mg->boards,
			    (mg->n_boards + 1) * sizeof *boards);
			if (boards == NULL) {
				cJSON_Delete(board);
				code = EXIT_SOFTWARE;
				continue;
			}
			mg->boards = boards;
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

int
cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outdir = NULL;
	struct merge mg = { 0 };
	struct leaderboard *lb = NULL;
	struct outdir_card *cards = NULL;
	size_t counts[4] = { 0, 0, 0, 0 };
	int ch, code = EXIT_PASS, err;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 'h':
			return cli_command_help("merge");
		case ':':
			return cli_usage_error("merge", "%s needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("merge", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("merge", "missing OUTDIR...");
	if (outdir == NULL)
		return cli_usage_error("merge", "missing -o OUTDIR");
	for (int i = optind; i < argc && code == EXIT_PASS; i++)
		code = take_dir(&mg, argv[i]);
	if (code != EXIT_PASS)
		goto out;
	if (mg.n == 0 && mg.n_boards == 0) {
		fprintf(stderr, "grader merge: no scorecards in %s%s\n",
			argv[optind], argc - optind > 1 ? " and the others" : "");
		code = EXIT_NOINPUT;
		goto out;
	}
	qsort(mg.cards, mg.n, sizeof mg.cards[0], compare_names);
	lb = leaderboard_new();
	cards = calloc(mg.n + 1, sizeof *cards);
	if (lb == NULL || cards == NULL) {
		code = EXIT_SOFTWARE;
		goto out;
	}
	for (size_t i = 0; i < mg.n && code == EXIT_PASS; i++) {
		const struct found *f = &mg.cards[i];
		const char *s = outdir_string(f->card, "status");
		enum leaderboard_status ls = leaderboard_add(lb, f->name,
		    f->card);

		if (ls == LEADERBOARD_NOT_A_SCORECARD) {
			fprintf(stderr, "grader merge: %s/%s.json is not a "
			    "graded scorecard\n", f->dir, f->name);
			code = EXIT_DATAERR;
			break;
		}
		if (ls == LEADERBOARD_NOMEM) {
			code = EXIT_SOFTWARE;
			break;
		}
		cards[i].name = f->name;
		cards[i].card = f->card;
		counts[strcmp(s, "pass") == 0 ? 0 :
		    strcmp(s, "fail") == 0 ? 1 : 2]++;
	}
	if (code != EXIT_PASS)
		goto out;
	/* Every input is sound: only now is anything written. */
	err = outdir_make(outdir);
	if (err != 0) {
		fprintf(stderr, "grader merge: cannot make %s: %s\n", outdir,
			strerror(err));
		code = err == ENOMEM ? EXIT_SOFTWARE : EXIT_IOERR;
		goto out;
	}
	for (size_t i = 0; i < mg.n && code == EXIT_PASS; i++)
		code = copy_card(outdir, &mg.cards[i]);
	/* Ungraded submissions stay on the leaderboard until graded. */
	for (size_t b = 0; b < mg.n_boards && code == EXIT_PASS; b++) {
		size_t before = leaderboard_rows(lb);

		if (leaderboard_add_errors_from(lb, mg.boards[b]) !=
		    LEADERBOARD_OK)
			code = EXIT_SOFTWARE;
		counts[3] += leaderboard_rows(lb) - before;
	}
	if (code != EXIT_PASS)
		goto out;
	if (mg.challenge == NULL) {
		const cJSON *b = mg.boards[0];

		mg.challenge = strdup(outdir_string(b, "challenge") ?
		    outdir_string(b, "challenge") : "");
		if (mg.challenge == NULL) {
			code = EXIT_SOFTWARE;
			goto out;
		}
	}
	code = outdir_publish(outdir, mg.challenge, lb, cards, mg.n);
	if (code != EXIT_PASS)
		goto out;
	printf("%zu submission%s from %d folder%s: %zu pass, %zu fail, "
	       "%zu invalid, %zu not graded\n",
	       leaderboard_rows(lb), leaderboard_rows(lb) == 1 ? "" : "s",
	       argc - optind, argc - optind == 1 ? "" : "s",
	       counts[0], counts[1], counts[2], counts[3]);
	printf("Leaderboard: %s/leaderboard.csv, %s/index.html\n", outdir,
	       outdir);
	code = cli_finish(code);
out:
	for (size_t i = 0; i < mg.n; i++) {
		free(mg.cards[i].name);
		free(mg.cards[i].text);
		cJSON_Delete(mg.cards[i].card);
	}
	free(mg.cards);
	for (size_t b = 0; b < mg.n_boards; b++)
		cJSON_Delete(mg.boards[b]);
	free(mg.boards);
	free(mg.challenge);
	free(mg.holdout);
	free(cards);
	leaderboard_free(lb);
	return code;
}
