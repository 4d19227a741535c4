/*
 * cmd_batch.c: grader batch SUBMISSION... --challenge DIR [--holdout FILE]
 *              -o OUTDIR [-j N] [--shard K/N] [--force]
 *
 * Grades many submissions into one folder: a scorecard and a page each,
 * then the leaderboard.  Each submission is graded in a child process of
 * its own (up to N at once), so that a crash on one hostile input costs
 * that submission alone; each scorecard is written atomically as soon as it
 * is made, so that a run that is killed loses only the submissions in
 * flight, and the next run grades only what has no up-to-date scorecard.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "digest.h"
#include "leaderboard.h"
#include "readfile.h"
#include "scorecard.h"

/* One submission of the batch. */
struct item {
	const char *path;	/* as given */
	char *name;		/* file stem: alice for alice.zip */
	const char *base;	/* the input's file name, for messages */
	int is_dir;
	int selected;		/* in this shard */
	int kept;		/* an up-to-date scorecard was there */
	int graded;		/* a child wrote its scorecard */
	int code;		/* the child's exit code, or -1 */
	cJSON *card;
};

/* What a scorecard must match to be kept instead of graded again. */
struct expect {
	const char *challenge;
	char holdout_sha256[65];
	double pass_auc;
};

/* The stem a submission's files are written under. */
static char *
stem_of(const char *path, int is_dir, const char **base)
{
	size_t len = strlen(path), start;
	char *name;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	*base = path + start;
	len -= start;
	if (!is_dir && len > 4 &&
	    strncasecmp(path + start + len - 4, ".zip", 4) == 0)
		len -= 4;
	name = strndup(path + start, len);
	return name;
}

/* Which shard of n a stem belongs to: the first 8 bytes of its SHA-256,
 * so that the split never depends on the order or number of inputs. */
static unsigned long
shard_of(const char *name, unsigned long n)
{
	unsigned char sum[32];
	uint64_t v = 0;

	digest_sha256(name, strlen(name), sum);
	for (int i = 0; i < 8; i++)
		v = v << 8 | sum[i];
	return (unsigned long)(v % n);
}

static int
parse_shard(const char *s, unsigned long *k, unsigned long *n)
{
	char *end;

	errno = 0;
	*k = strtoul(s, &end, 10);
	if (end == s || *end != '/' || errno != 0 || s[0] == '-')
		return -1;
	s = end + 1;
	*n = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || s[0] == '-')
		return -1;
	return *k >= 1 && *n >= 1 && *k <= *n && *n <= 1000000 ? 0 : -1;
}

/*
 * Whether the scorecard at hand was made by this grader, for this zip
 * (its bytes, by SHA-256), this challenge, bar and holdout.  A folder is
 * always graded again: its SHA-256 is known only once it is read.
 */
static int
up_to_date(const cJSON *card, const struct item *it, const struct expect *e)
{
	const cJSON *sub = cJSON_GetObjectItemCaseSensitive(card, "submission");
	const cJSON *bar = cJSON_GetObjectItemCaseSensitive(card, "pass_auc");
	const char *v = outdir_string(card, "grader_version");
	const char *sha = outdir_string(sub, "sha256");
	const char *name = outdir_string(sub, "name");
	const char *ch = outdir_string(card, "challenge");
	const char *hs = outdir_string(card, "holdout_sha256");
	unsigned char sum[32];
	char hex[65];
	uint64_t bytes;

	if (it->is_dir || v == NULL || strcmp(v, GRADER_VERSION) != 0 ||
	    sha == NULL || name == NULL || strcmp(name, it->base) != 0 ||
	    ch == NULL || strcmp(ch, e->challenge) != 0 ||
	    (hs == NULL) != (e->holdout_sha256[0] == '\0') ||
	    (hs != NULL && strcmp(hs, e->holdout_sha256) != 0) ||
	    !cJSON_IsNumber(bar) || bar->valuedouble != e->pass_auc)
		return 0;
	if (digest_file(it->path, sum, &bytes) != 0)
		return 0;
	digest_hex(sum, hex);
	return strcmp(hex, sha) == 0;
}

/*
 * The child's work: grades one submission and writes its scorecard.
 * Returns 0, 1 or 2 by status as grade does, 66 when the submission cannot
 * be opened, 70 or 74 on its own failures.  The child then leaves through
 * cmd_batch()'s own clean-up, so that it frees what it holds.
 */
static int
grade_child(const struct item *it, const struct challenge *c,
	    const struct holdout *h, const char *outdir)
{
	struct grade_options opt = { 0 };
	struct grade_report *r = NULL;
	enum gr_status st;
	cJSON *card;
	int code;

	opt.submission = it->path;
	opt.challenge = c;
	opt.holdout = challenge_is_scored(c) ? h : NULL;
	st = grade_run(&opt, &r);
	if (st == GR_NOMEM)
		return EXIT_SOFTWARE;
	if (st == GR_IO) {
		cli_print_problems(stderr, r->problems);
		grade_report_free(r);
		return EXIT_NOINPUT;
	}
	card = scorecard_build(r, 1);
	if (card == NULL) {
		grade_report_free(r);
		return EXIT_SOFTWARE;
	}
	code = outdir_write_card(outdir, it->name, card);
	if (code == EXIT_PASS)
		code = r->status == GRADE_PASS ? EXIT_PASS :
		    r->status == GRADE_FAIL ? EXIT_FAIL : EXIT_INVALID;
	cJSON_Delete(card);
	grade_report_free(r);
	return code;
}

/* Of two exit codes, the one to report: 70, then 74, then 66. */
static int
worse(int a, int b)
{
	static const int order[] = { EXIT_SOFTWARE, EXIT_IOERR, EXIT_NOINPUT };

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (a == order[i] || b == order[i])
			return order[i];
	return a;
}

static const char *
outcome(int code)
{
	switch (code) {
	case EXIT_PASS:
		return "pass";
	case EXIT_FAIL:
		return "fail";
	case EXIT_INVALID:
		return "invalid";
	case EXIT_NOINPUT:
		return "not graded: cannot be opened";
	case EXIT_IOERR:
		return "not graded: its scorecard cannot be written";
	default:
		return "not graded: the grader failed on it";
	}
}

/*
 * Runs the children, at most jobs at once; fills each item's code.  In a
 * child, returns with *child set to 1 and the child's exit code.
 */
static int
grade_all(struct item *items, size_t n, unsigned long jobs,
	  const struct challenge *c, const struct holdout *h,
	  const char *outdir, size_t todo, int *child)
{
	size_t next = 0, running = 0, done = 0;
	pid_t *pids = calloc(n, sizeof *pids);

	if (pids == NULL)
		return EXIT_SOFTWARE;
	for (;;) {
		while (running < jobs && next < n) {
			struct item *it = &items[next];
			pid_t pid;

			if (!it->selected || it->kept) {
				next++;
				continue;
			}
			fflush(NULL);
			pid = fork();
			if (pid < 0) {
				fprintf(stderr, "grader batch: cannot start a "
				    "process: %s\n", strerror(errno));
				if (running == 0) {
					free(pids);
					return EXIT_SOFTWARE;
				}
				break;
			}
			if (pid == 0) {
				free(pids);
				*child = 1;
				return grade_child(it, c, h, outdir);
			}
			pids[next++] = pid;
			running++;
		}
		if (running == 0)
			break;
		int status;
		pid_t pid = wait(&status);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			struct item *it = &items[i];

			pids[i] = 0;
			running--;
			done++;
			if (WIFEXITED(status)) {
				it->code = WEXITSTATUS(status);
			} else {
				it->code = EXIT_SOFTWARE;
				fputs("grader batch: ", stderr);
				cli_put_name(stderr, it->base);
				fprintf(stderr, ": the grader stopped on signal "
				    "%d\n", WIFSIGNALED(status) ?
				    WTERMSIG(status) : 0);
			}
			it->graded = it->code == EXIT_PASS ||
			    it->code == EXIT_FAIL || it->code == EXIT_INVALID;
			fprintf(stderr, "[%zu/%zu] ", done, todo);
			cli_put_name(stderr, it->base);
			fprintf(stderr, ": %s\n", outcome(it->code));
			break;
		}
	}
	free(pids);
	return EXIT_PASS;
}

/*
 * Removes what a killed run left of its atomic writes: <name>.json.tmp.XXXXXX
 * and <name>.html.tmp.XXXXXX for the names this run will write.  Another
 * shard's run may be writing into the same folder, so the leaderboard's
 * own temporary files, and other names', are left alone.
 */
static void
remove_leftovers(const char *outdir, const struct item *items, size_t n)
{
	DIR *d = opendir(outdir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *tmp = strstr(de->d_name, ".tmp.");
		size_t stem;

		if (tmp == NULL || strlen(tmp) != 5 + 6 || tmp - de->d_name < 5)
			continue;
		stem = (size_t)(tmp - de->d_name) - 5;
		if (strncmp(de->d_name + stem, ".json", 5) != 0 &&
		    strncmp(de->d_name + stem, ".html", 5) != 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			char *path;

			if (!items[i].selected ||
			    strlen(items[i].name) != stem ||
			    strncmp(items[i].name, de->d_name, stem) != 0)
				continue;
			path = outdir_path(outdir, de->d_name, "");
			if (path != NULL)
				(void)unlink(path);
			free(path);
			break;
		}
	}
	closedir(d);
}

int
cmd_batch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "challenge", required_argument, NULL, 'c' },
		{ "holdout", required_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "shard", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *challenge_dir = NULL, *holdout = NULL, *outdir = NULL;
	unsigned long jobs = 0, shard_k = 1, shard_n = 1;
	size_t n, selected = 0, todo = 0, kept = 0, cards_n = 0;
	struct item *items = NULL;
	struct outdir_card *cards = NULL;
	struct leaderboard *lb = NULL;
	struct challenge *c = NULL;
	struct holdout h = { 0 };
	struct expect e = { 0 };
	size_t counts[4] = { 0, 0, 0, 0 };
	int ch, force = 0, code = EXIT_PASS, err, child = 0;
	int published = EXIT_PASS;
	char *end;
	long cpus;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":c:H:o:j:h", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'c':
			challenge_dir = optarg;
			break;
		case 'H':
			holdout = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'j':
			errno = 0;
			jobs = strtoul(optarg, &end, 10);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    optarg[0] == '-' || jobs < 1 || jobs > 256)
				return cli_usage_error("batch",
				    "-j takes a number of jobs from 1 to 256, not '%s'",
				    optarg);
			break;
		case 's':
			if (parse_shard(optarg, &shard_k, &shard_n) != 0)
				return cli_usage_error("batch",
				    "--shard takes K/N with 1 <= K <= N, not '%s'",
				    optarg);
			break;
		case 'F':
			force = 1;
			break;
		case 'h':
			return cli_command_help("batch");
		case ':':
			return cli_usage_error("batch", "%s needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("batch", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("batch", "missing SUBMISSION...");
	if (challenge_dir == NULL)
		return cli_usage_error("batch", "missing --challenge DIR");
	if (outdir == NULL)
		return cli_usage_error("batch", "missing -o OUTDIR");
	if (jobs == 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cpus < 1 ? 1 : cpus > 16 ? 16 : (unsigned long)cpus;
	}

	n = (size_t)(argc - optind);
	items = calloc(n, sizeof *items);
	if (items == NULL)
		return EXIT_SOFTWARE;
	/* Every input, before anything is graded: each must exist and give
	 * a file stem of its own, or nothing is done. */
	for (size_t i = 0; i < n; i++) {
		struct item *it = &items[i];
		struct stat st;

		it->path = argv[optind + (int)i];
		it->code = -1;
		if (stat(it->path, &st) != 0) {
			fprintf(stderr, "grader batch: cannot open %s: %s\n",
				it->path, strerror(errno));
			code = EXIT_NOINPUT;
			continue;
		}
		it->is_dir = S_ISDIR(st.st_mode);
		it->name = stem_of(it->path, it->is_dir, &it->base);
		if (it->name == NULL) {
			code = EXIT_SOFTWARE;
			goto out;
		}
	}
	if (code != EXIT_PASS)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const char *name = items[i].name;

		if (name[0] == '\0' || strcmp(name, ".") == 0 ||
		    strcmp(name, "..") == 0 || strcmp(name, "/") == 0) {
			code = cli_usage_error("batch",
			    "'%s' has no name to write its scorecard under",
			    items[i].path);
			goto out;
		}
		if (strcasecmp(name, "leaderboard") == 0 ||
		    strcasecmp(name, "index") == 0) {
			code = cli_usage_error("batch",
			    "'%s' would be written over the leaderboard's "
			    "files (%s.*); rename it", items[i].path, name);
			goto out;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcasecmp(items[j].name, name) == 0) {
				code = cli_usage_error("batch",
				    "'%s' and '%s' would both be written as "
				    "%s.json; rename one", items[j].path,
				    items[i].path, name);
				goto out;
			}
		}
	}

	code = cli_load(challenge_dir, holdout, 1, &c, &h);
	if (code != EXIT_PASS)
		goto out;
	err = outdir_make(outdir);
	if (err != 0) {
		fprintf(stderr, "grader batch: cannot make %s: %s\n", outdir,
			strerror(err));
		code = err == ENOMEM ? EXIT_SOFTWARE : EXIT_IOERR;
		goto out;
	}

	e.challenge = c->id;
	e.pass_auc = c->pass_auc;
	if (challenge_is_scored(c))
		digest_hex(h.sha256, e.holdout_sha256);
	for (size_t i = 0; i < n; i++) {
		struct item *it = &items[i];
		char *path;

		it->selected = shard_of(it->name, shard_n) == shard_k - 1;
		if (!it->selected)
			continue;
		selected++;
		if (force)
			continue;
		path = outdir_path(outdir, it->name, ".json");
		if (path == NULL) {
			code = EXIT_SOFTWARE;
			goto out;
		}
		it->card = outdir_read_json(path);
		free(path);
		if (it->card != NULL && up_to_date(it->card, it, &e)) {
			it->kept = 1;
			kept++;
		} else {
			cJSON_Delete(it->card);
			it->card = NULL;
		}
	}
	remove_leftovers(outdir, items, n);
	todo = selected - kept;
	code = grade_all(items, n, jobs, c, &h, outdir, todo, &child);
	if (child) {
		/* Nothing of the parent's to print: straight to clean-up. */
		fflush(stderr);
		goto out;
	}
	if (code != EXIT_PASS)
		goto out;

	/* The leaderboard of this run's submissions, from their scorecards. */
	lb = leaderboard_new();
	cards = calloc(n, sizeof *cards);
	if (lb == NULL || cards == NULL) {
		code = EXIT_SOFTWARE;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct item *it = &items[i];
		enum leaderboard_status ls;

		if (!it->selected)
			continue;
		if (it->graded && it->card == NULL) {
			char *path = outdir_path(outdir, it->name, ".json");

			if (path == NULL) {
				code = EXIT_SOFTWARE;
				goto out;
			}
			it->card = outdir_read_json(path);
			free(path);
		}
		if (it->card == NULL) {
			ls = leaderboard_add_error(lb, it->name, it->base);
			counts[3]++;
			/* Unreadable (66) or unwritable (74); anything else
			 * is the grader's own failure (70). */
			code = worse(code, it->graded ? EXIT_SOFTWARE :
			    it->code == EXIT_NOINPUT ? EXIT_NOINPUT :
			    it->code == EXIT_IOERR ? EXIT_IOERR :
			    EXIT_SOFTWARE);
		} else {
			const char *s = outdir_string(it->card, "status");

			ls = leaderboard_add(lb, it->name, it->card);
			cards[cards_n].name = it->name;
			cards[cards_n++].card = it->card;
			counts[s == NULL ? 3 : strcmp(s, "pass") == 0 ? 0 :
			    strcmp(s, "fail") == 0 ? 1 : 2]++;
		}
		if (ls == LEADERBOARD_NOMEM) {
			code = EXIT_SOFTWARE;
			goto out;
		}
	}
	{
		published = outdir_publish(outdir, c->id, lb, cards, cards_n);
		code = worse(code, published);
	}
	printf("%zu submission%s", selected, selected == 1 ? "" : "s");
	if (shard_n > 1)
		printf(" (shard %lu/%lu of %zu)", shard_k, shard_n, n);
	printf(": %zu pass, %zu fail, %zu invalid, %zu not graded",
	       counts[0], counts[1], counts[2], counts[3]);
	if (kept > 0)
		printf("; %zu kept from an earlier run", kept);
	if (published == EXIT_PASS)
		printf("\nLeaderboard: %s/leaderboard.csv, %s/index.html\n",
		       outdir, outdir);
	else
		printf("\nThe leaderboard could not be written (see above).\n");
	code = cli_finish(code);
out:
	for (size_t i = 0; items != NULL && i < n; i++) {
		free(items[i].name);
		cJSON_Delete(items[i].card);
	}
	free(items);
	free(cards);
	leaderboard_free(lb);
	holdout_release(&h);
	challenge_free(c);
	return code;
}
