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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "readfile.h"
#include "options.h"
#include "digest.h"
#include "leaderboard.h"
#include "schema.h"
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

/* The run: its options, its inputs, and what they come to. */
struct batch {
	const char *challenge_dir, *holdout, *outdir;
	unsigned long jobs, shard_k, shard_n;
	int force;
	char **inputs;		/* argv's SUBMISSION... */
	size_t n;		/* how many */
	struct item *items;	/* n of them */
	size_t selected;	/* of them, in this shard */
	size_t kept;		/* of those, with an up-to-date scorecard */
	struct challenge *c;
	struct holdout h;
	struct leaderboard *lb;
	/*
	 * run_children()'s pid of each item's child, 0 when none runs.  Held
	 * here, not in a local, so that it stays reachable when a child
	 * leaves with _exit() without freeing it (valgrind would call a
	 * pointer lost with the registers that held it a leak).
	 */
	pid_t *pids;
	struct outdir_card *cards;	/* the scorecards, to publish */
	size_t cards_n;
	size_t counts[SCHEMA_N_STATUSES];	/* error: not graded */
};

/* What parse_options() returns when the run goes on: no exit code. */
#define BATCH_GO_ON (-1)

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
	struct scorecard_view v;
	const char *hs;
	unsigned char sum[32];
	char hex[65];
	uint64_t bytes;

	scorecard_view(card, &v);
	hs = v.holdout_sha256;
	if (it->is_dir || v.grader_version == NULL ||
	    strcmp(v.grader_version, GRADER_VERSION) != 0 ||
	    v.sha256 == NULL || v.name == NULL ||
	    strcmp(v.name, it->base) != 0 ||
	    v.challenge == NULL || strcmp(v.challenge, e->challenge) != 0 ||
	    (hs == NULL) != (e->holdout_sha256[0] == '\0') ||
	    (hs != NULL && strcmp(hs, e->holdout_sha256) != 0) ||
	    !v.has_pass_auc || v.pass_auc != e->pass_auc)
		return 0;
	if (digest_file(it->path, sum, &bytes) != 0)
		return 0;
	digest_hex(sum, hex);
	return strcmp(hex, v.sha256) == 0;
}


/*
 * The child's work: grades one submission and writes its scorecard.
 * Returns 0, 1 or 2 by status as grade does, 66 when the submission cannot
 * be opened, 70 or 74 on its own failures.  Frees what it made itself.
 */
static int
grade_child(const struct item *it, const struct batch *b)
{
	struct grade_options opt = { 0 };
	struct grade_report *r = NULL;
	enum gr_status st;
	cJSON *card;
	int code;

	opt.submission = it->path;
	opt.challenge = b->c;
	opt.holdout = challenge_is_scored(b->c) ? &b->h : NULL;
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
	code = outdir_write_card(b->outdir, it->name, card);
	if (code == EXIT_PASS)
		code = r->status == GRADE_PASS ? EXIT_PASS :
		    r->status == GRADE_FAIL ? EXIT_FAIL : EXIT_INVALID;
	cJSON_Delete(card);
	grade_report_free(r);
	return code;
}

/*
 * The whole life of a child after fork(): it grades, then leaves with
 * _exit(), never returning into the parent's code path (Git's
 * run-command.c), so that nothing after the grading runs twice: no
 * summary, no leaderboard, no atexit handler, no second flush of stdio
 * buffers copied from the parent.  Precondition: the parent flushed every
 * stdio stream before fork(), so the one flush here writes only what this
 * child printed itself.  What the parent allocated goes with the process.
 */
static void __attribute__((noreturn))
run_child(const struct item *it, const struct batch *b)
{
	int code = grade_child(it, b);

	(void)fflush(stderr);
	_exit(code);
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
		return SCHEMA_STATUS_PASS;
	case EXIT_FAIL:
		return SCHEMA_STATUS_FAIL;
	case EXIT_INVALID:
		return SCHEMA_STATUS_INVALID;
	case EXIT_NOINPUT:
		return "not graded: cannot be opened";
	case EXIT_IOERR:
		return "not graded: its scorecard cannot be written";
	default:
		return "not graded: the grader failed on it";
	}
}

/*
 * Forks the child that grades it; returns its pid, or -1 after a message.
 * The child never returns from here.
 */
static pid_t
start_child(const struct item *it, const struct batch *b)
{
	pid_t pid;

	/* Nothing buffered may be copied into the child. */
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fprintf(stderr, "grader batch: cannot start a process: %s\n",
		    strerror(errno));
	else if (pid == 0)
		run_child(it, b);
	return pid;
}

/* Records how the child that graded it ended (status, from wait()) and
 * reports it on stderr as "[done/todo] name: outcome". */
static void
record_child(struct item *it, int status, size_t done, size_t todo)
{
	if (WIFEXITED(status)) {
		it->code = WEXITSTATUS(status);
	} else {
		it->code = EXIT_SOFTWARE;
		fputs("grader batch: ", stderr);
		cli_put_name(stderr, it->base);
		fprintf(stderr, ": the grader stopped on signal %d\n",
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
	it->graded = it->code == EXIT_PASS || it->code == EXIT_FAIL ||
	    it->code == EXIT_INVALID;
	fprintf(stderr, "[%zu/%zu] ", done, todo);
	cli_put_name(stderr, it->base);
	fprintf(stderr, ": %s\n", outcome(it->code));
}

/*
 * Phase 5: grades every selected submission without a kept scorecard in a
 * child of its own, at most b->jobs at once, and fills each item's code.
 * Returns EXIT_PASS, or EXIT_SOFTWARE when no child could be started.
 */
static int
run_children(struct batch *b)
{
	size_t next = 0, running = 0, done = 0, todo = b->selected - b->kept;
	pid_t *pids = b->pids = calloc(b->n, sizeof *b->pids);

	if (pids == NULL)
		return EXIT_SOFTWARE;
	for (;;) {
		while (running < b->jobs && next < b->n) {
			pid_t pid;

			if (!b->items[next].selected || b->items[next].kept) {
				next++;
				continue;
			}
			pid = start_child(&b->items[next], b);
			if (pid < 0) {
				if (running == 0)
					return EXIT_SOFTWARE;
				break;
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
		for (size_t i = 0; i < b->n; i++) {
			if (pids[i] != pid)
				continue;
			pids[i] = 0;
			running--;
			record_child(&b->items[i], status, ++done, todo);
			break;
		}
	}
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

/* -j's value, from 1 to 256; returns -1 when it is not one. */
static int
parse_jobs(const char *s, unsigned long *jobs)
{
	char *end;

	errno = 0;
	*jobs = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || s[0] == '-' ||
	    *jobs < 1 || *jobs > 256)
		return -1;
	return 0;
}

/*
 * Phase 1: the options and the inputs' place in argv.  Returns BATCH_GO_ON,
 * or the exit code to leave with (usage errors, --help).
 */
static int
parse_options(struct batch *b, int argc, char **argv)
{
	const char *jobs = NULL, *shard = NULL;
	const struct cli_option opts[] = {
		{ "challenge", 'c', &b->challenge_dir, NULL },
		{ "holdout", 'H', &b->holdout, NULL },
		{ "output", 'o', &b->outdir, NULL },
		{ "jobs", 'j', &jobs, NULL },
		{ "shard", 0, &shard, NULL },
		{ "force", 0, NULL, &b->force },
		{ NULL, 0, NULL, NULL },
	};
	int code, first;
	long cpus;

	b->shard_k = b->shard_n = 1;
	if ((code = cli_options("batch", argc, argv, opts, &first)) >= 0)
		return code;
	if (jobs != NULL && parse_jobs(jobs, &b->jobs) != 0)
		return cli_usage_error("batch",
		    "-j takes a number of jobs from 1 to 256, not '%s'", jobs);
	if (shard != NULL &&
	    parse_shard(shard, &b->shard_k, &b->shard_n) != 0)
		return cli_usage_error("batch",
		    "--shard takes K/N with 1 <= K <= N, not '%s'", shard);
	if (first >= argc)
		return cli_usage_error("batch", "missing SUBMISSION...");
	if (b->challenge_dir == NULL)
		return cli_usage_error("batch", "missing --challenge DIR");
	if (b->outdir == NULL)
		return cli_usage_error("batch", "missing -o OUTDIR");
	if (b->jobs == 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		b->jobs = cpus < 1 ? 1 : cpus > 16 ? 16 : (unsigned long)cpus;
	}
	b->inputs = argv + first;
	b->n = (size_t)(argc - first);
	return BATCH_GO_ON;
}

/*
 * Phase 2a: every input, before anything is graded: each must exist, or
 * nothing is done (every missing one is named).  Returns an exit code.
 */
static int
stat_inputs(struct batch *b)
{
	int code = EXIT_PASS;

	b->items = calloc(b->n, sizeof *b->items);
	if (b->items == NULL)
		return EXIT_SOFTWARE;
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->items[i];
		struct stat st;

		it->path = b->inputs[i];
		it->code = -1;
		if (stat(it->path, &st) != 0) {
			fprintf(stderr, "grader batch: cannot open %s: %s\n",
				it->path, strerror(errno));
			code = EXIT_NOINPUT;
			continue;
		}
		it->is_dir = S_ISDIR(st.st_mode);
		it->name = stem_of(it->path, it->is_dir, &it->base);
		if (it->name == NULL)
			return EXIT_SOFTWARE;
	}
	return code;
}

/*
 * Phase 2b: each input gives a file stem of its own, which is neither
 * empty nor the leaderboard's.  Returns an exit code (64 after a message).
 */
static int
check_names(const struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const char *path = b->items[i].path, *name = b->items[i].name;

		if (name[0] == '\0' || strcmp(name, ".") == 0 ||
		    strcmp(name, "..") == 0 || strcmp(name, "/") == 0)
			return cli_usage_error("batch",
			    "'%s' has no name to write its scorecard under",
			    path);
		if (strcasecmp(name, "leaderboard") == 0 ||
		    strcasecmp(name, "index") == 0)
			return cli_usage_error("batch",
			    "'%s' would be written over the leaderboard's "
			    "files (%s.*); rename it", path, name);
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(b->items[j].name, name) == 0)
				return cli_usage_error("batch",
				    "'%s' and '%s' would both be written as "
				    "%s.json; rename one", b->items[j].path,
				    path, name);
	}
	return EXIT_PASS;
}

/* Phase 3: the challenge and holdout, read once for every child, and the
 * output folder.  Returns an exit code. */
static int
open_challenge_and_outdir(struct batch *b)
{
	int code, err;

	code = cli_load(b->challenge_dir, b->holdout, 1, &b->c, &b->h);
	if (code != EXIT_PASS)
		return code;
	err = makedirs(b->outdir);
	if (err != 0) {
		fprintf(stderr, "grader batch: cannot make %s: %s\n",
			b->outdir, strerror(err));
		return err == ENOMEM ? EXIT_SOFTWARE : EXIT_IOERR;
	}
	return EXIT_PASS;
}

/*
 * Phase 4: which inputs are this shard's, and which of those keep the
 * up-to-date scorecard an earlier run left (unless --force); then clears
 * what a killed run left of its writes.  Returns an exit code.
 */
static int
plan(struct batch *b)
{
	struct expect e = { 0 };

	e.challenge = b->c->id;
	e.pass_auc = b->c->pass_auc;
	if (challenge_is_scored(b->c))
		digest_hex(b->h.sha256, e.holdout_sha256);
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->items[i];
		char *path;

		it->selected = shard_of(it->name, b->shard_n) == b->shard_k - 1;
		if (!it->selected)
			continue;
		b->selected++;
		if (b->force)
			continue;
		path = outdir_path(b->outdir, it->name, ".json");
		if (path == NULL)
			return EXIT_SOFTWARE;
		it->card = outdir_read_json(path);
		free(path);
		if (it->card != NULL && up_to_date(it->card, it, &e)) {
			it->kept = 1;
			b->kept++;
		} else {
			cJSON_Delete(it->card);
			it->card = NULL;
		}
	}
	remove_leftovers(b->outdir, b->items, b->n);
	return EXIT_PASS;
}

/* The exit code a submission without a scorecard gives the run: 66 when it
 * could not be read, 74 when its scorecard could not be written, and 70
 * for anything else, the grader's own failure. */
static int
not_graded_code(const struct item *it)
{
	if (it->graded)
		return EXIT_SOFTWARE;
	return it->code == EXIT_NOINPUT ? EXIT_NOINPUT :
	    it->code == EXIT_IOERR ? EXIT_IOERR : EXIT_SOFTWARE;
}

/* Which of b->counts a scorecard's status counts in: a card without one
 * as not graded, any other status than pass or fail as invalid. */
static enum schema_status
count_of(const char *status)
{
	int s = schema_status_of(status);

	return status == NULL ? SCHEMA_ERROR :
	    s == SCHEMA_PASS || s == SCHEMA_FAIL ? (enum schema_status)s :
	    SCHEMA_INVALID;
}

/*
 * One selected submission's leaderboard row, from the scorecard kept or
 * just written; without one, an error row, and *code worsened by why.
 * Returns EXIT_PASS, or EXIT_SOFTWARE when out of memory.
 */
static int
collect_one(struct batch *b, struct item *it, int *code)
{
	enum leaderboard_status ls;

	if (it->graded && it->card == NULL) {
		char *path = outdir_path(b->outdir, it->name, ".json");

		if (path == NULL)
			return EXIT_SOFTWARE;
		it->card = outdir_read_json(path);
		free(path);
	}
	if (it->card == NULL) {
		ls = leaderboard_add_error(b->lb, it->name, it->base);
		b->counts[SCHEMA_ERROR]++;
		*code = worse(*code, not_graded_code(it));
	} else {
		ls = leaderboard_add(b->lb, it->name, it->card);
		b->cards[b->cards_n].name = it->name;
		b->cards[b->cards_n++].card = it->card;
		b->counts[count_of(scorecard_get_string(it->card,
		    SCHEMA_KEY_STATUS))]++;
	}
	return ls == LEADERBOARD_NOMEM ? EXIT_SOFTWARE : EXIT_PASS;
}

/*
 * Phase 6: the leaderboard of this run's submissions, from their
 * scorecards.  *code gets the run's exit code so far (66, 70 or 74 for a
 * submission not graded).  Returns EXIT_PASS, or EXIT_SOFTWARE when out of
 * memory: then nothing is published.
 */
static int
collect(struct batch *b, int *code)
{
	*code = EXIT_PASS;
	b->lb = leaderboard_new();
	b->cards = calloc(b->n, sizeof *b->cards);
	if (b->lb == NULL || b->cards == NULL)
		return EXIT_SOFTWARE;
	for (size_t i = 0; i < b->n; i++)
		if (b->items[i].selected &&
		    collect_one(b, &b->items[i], code) != EXIT_PASS)
			return EXIT_SOFTWARE;
	return EXIT_PASS;
}

/* Phase 8: the summary on stdout; published is what phase 7 returned. */
static void
print_summary(const struct batch *b, int published)
{
	printf("%zu submission%s", b->selected, b->selected == 1 ? "" : "s");
	if (b->shard_n > 1)
		printf(" (shard %lu/%lu of %zu)", b->shard_k, b->shard_n, b->n);
	printf(": %zu pass, %zu fail, %zu invalid, %zu not graded",
	       b->counts[SCHEMA_PASS], b->counts[SCHEMA_FAIL],
	       b->counts[SCHEMA_INVALID], b->counts[SCHEMA_ERROR]);
	if (b->kept > 0)
		printf("; %zu kept from an earlier run", b->kept);
	if (published == EXIT_PASS)
		printf("\nLeaderboard: %s/leaderboard.csv, %s/index.html\n",
		       b->outdir, b->outdir);
	else
		printf("\nThe leaderboard could not be written (see above).\n");
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; b->items != NULL && i < b->n; i++) {
		free(b->items[i].name);
		cJSON_Delete(b->items[i].card);
	}
	free(b->items);
	free(b->pids);
	free(b->cards);
	leaderboard_free(b->lb);
	holdout_release(&b->h);
	challenge_free(b->c);
}

/*
 * grader batch: one function a phase, in the order they run.  A refusal
 * before grading (phases 1 to 4) ends the run with nothing graded; after
 * it, every submission is published whatever became of the others, and
 * the exit code is the worst of their failures.
 */
int
cmd_batch(int argc, char **argv)
{
	struct batch b = { 0 };
	int code, published;

	code = parse_options(&b, argc, argv);
	if (code != BATCH_GO_ON)
		return code;
	code = stat_inputs(&b);
	if (code == EXIT_PASS)
		code = check_names(&b);
	if (code == EXIT_PASS)
		code = open_challenge_and_outdir(&b);
	if (code == EXIT_PASS)
		code = plan(&b);
	if (code == EXIT_PASS)
		code = run_children(&b);
	if (code == EXIT_PASS) {
		if (collect(&b, &code) != EXIT_PASS) {
			code = EXIT_SOFTWARE;
		} else {
			published = outdir_publish(b.outdir, b.c->id, b.lb,
			    b.cards, b.cards_n);
			code = worse(code, published);
			print_summary(&b, published);
			code = cli_finish(code);
		}
	}
	batch_free(&b);
	return code;
}
