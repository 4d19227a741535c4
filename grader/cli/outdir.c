/*
 * outdir.c: the output folder of `grader batch` and `grader merge`: one
 * scorecard (<name>.json) and one page (<name>.html) a submission, and
 * leaderboard.json, leaderboard.csv and index.html, each file replaced
 * atomically.  Both commands publish through outdir_publish(), so a merge
 * of shards writes what one batch over them all would.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "leaderboard.h"
#include "leaderboard_out.h"
#include "pages.h"
#include "readfile.h"
#include "scorecard.h"

char *
outdir_path(const char *dir, const char *name, const char *ext)
{
	char *path;

	if (asprintf(&path, "%s/%s%s", dir, name, ext) < 0)
		return NULL;
	return path;
}

cJSON *
outdir_read_json(const char *path)
{
	unsigned char *data;
	size_t len;
	cJSON *json;

	if (readfile(path, OUTDIR_MAX_JSON, &data, &len) != 0)
		return NULL;
	json = cJSON_ParseWithLength((const char *)data, len);
	free(data);
	return json;
}

int
outdir_put(const char *dir, const char *name, const char *ext,
	 const char *text, size_t len, int newline)
{
	char *path = outdir_path(dir, name, ext);
	char *buf = NULL;
	int err;

	if (path == NULL)
		return EXIT_SOFTWARE;
	if (newline) {
		if ((buf = malloc(len + 1)) == NULL) {
			free(path);
			return EXIT_SOFTWARE;
		}
		memcpy(buf, text, len);
		buf[len++] = '\n';
		text = buf;
	}
	err = writefile_atomic(path, text, len);
	free(buf);
	if (err != 0)
		fprintf(stderr, "grader: cannot write %s: %s\n", path,
			strerror(err));
	free(path);
	return err == 0 ? EXIT_PASS : err == ENOMEM ? EXIT_SOFTWARE :
	    EXIT_IOERR;
}

int
outdir_write_card(const char *dir, const char *name, const cJSON *card)
{
	char *text = cJSON_Print(card);
	int code;

	if (text == NULL)
		return EXIT_SOFTWARE;
	/* The same bytes as grade -o: a final line end. */
	code = outdir_put(dir, name, ".json", text, strlen(text), 1);
	cJSON_free(text);
	return code;
}

/* Writes the page of each card, dir/<name>.html. */
static int
publish_pages(const char *dir, const struct outdir_card *cards, size_t n)
{
	int code = EXIT_PASS;

	for (size_t i = 0; i < n && code == EXIT_PASS; i++) {
		char *text = pages_submission(cards[i].card);

		if (text == NULL)
			return EXIT_SOFTWARE;
		code = outdir_put(dir, cards[i].name, ".html", text,
		    strlen(text), 0);
		free(text);
	}
	return code;
}

/* Writes leaderboard.json, then index.html, which is drawn from it. */
static int
publish_board(const char *dir, const char *challenge,
	      const struct leaderboard *lb)
{
	cJSON *json = leaderboard_out_json(lb, challenge);
	char *text;
	int code;

	if (json == NULL)
		return EXIT_SOFTWARE;
	text = cJSON_Print(json);
	if (text == NULL) {
		cJSON_Delete(json);
		return EXIT_SOFTWARE;
	}
	code = outdir_put(dir, "leaderboard", ".json", text, strlen(text), 1);
	cJSON_free(text);
	if (code == EXIT_PASS) {
		text = pages_index(json);
		code = text == NULL ? EXIT_SOFTWARE :
		    outdir_put(dir, "index", ".html", text, strlen(text), 0);
		free(text);
	}
	cJSON_Delete(json);
	return code;
}

int
outdir_publish(const char *dir, const char *challenge, struct leaderboard *lb,
	       const struct outdir_card *cards, size_t n)
{
	char *text;
	int code;

	leaderboard_rank(lb);
	code = publish_pages(dir, cards, n);
	if (code == EXIT_PASS)
		code = publish_board(dir, challenge, lb);
	if (code != EXIT_PASS)
		return code;
	text = leaderboard_out_csv(lb);
	if (text == NULL)
		return EXIT_SOFTWARE;
	code = outdir_put(dir, "leaderboard", ".csv", text, strlen(text), 0);
	free(text);
	return code;
}
