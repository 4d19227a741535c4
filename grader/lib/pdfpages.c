/*
 * pdfpages.c: libqpdf's page count, taken in a child process under limits
 * (why: pdfpages.h).
 */
#include "pdfpages.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

/* The sanitizers reserve terabytes of address space for their shadow
 * memory, which an address-space limit would forbid; their builds keep the
 * deadline and the CPU limit only. */
#if defined(__SANITIZE_ADDRESS__)
#define PDF_LIMIT_ADDRESS_SPACE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define PDF_LIMIT_ADDRESS_SPACE 0
#endif
#endif
#ifndef PDF_LIMIT_ADDRESS_SPACE
#define PDF_LIMIT_ADDRESS_SPACE 1
#endif

/*
 * The calls into libqpdf.  The static program links libqpdf; the dynamic
 * one (GRADER_QPDF_SONAME defined: the library's soname) opens it in the
 * child only, so that a grading without PDFs never loads qpdf, the C++
 * runtime, GnuTLS and p11-kit (twice the start-up time of the program
 * without them), and whatever their constructors do never runs in the
 * grader itself.
 */
#define QPDF_CALLS(X) \
	X(init) X(silence_errors) X(set_suppress_warnings) X(read_memory) \
	X(get_error) X(get_error_code) X(get_error_message_detail) \
	X(more_warnings) X(next_warning) X(get_num_pages)

static struct {
#define QPDF_MEMBER(name) __typeof__(qpdf_##name) *name;
	QPDF_CALLS(QPDF_MEMBER)
#undef QPDF_MEMBER
} qpdf_api;

#ifdef GRADER_QPDF_SONAME
#include <dlfcn.h>

/* In the child: opens libqpdf and finds every call; NULL, or why not. */
static const char *
load_qpdf(void)
{
	void *h = dlopen(GRADER_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL)
		return dlerror();
#define QPDF_FIND(name) \
	if ((*(void **)&qpdf_api.name = dlsym(h, "qpdf_" #name)) == NULL) \
		return dlerror();
	QPDF_CALLS(QPDF_FIND)
#undef QPDF_FIND
	return NULL;
}
#else
static const char *
load_qpdf(void)
{
#define QPDF_LINK(name) qpdf_api.name = qpdf_##name;
	QPDF_CALLS(QPDF_LINK)
#undef QPDF_LINK
	return NULL;
}
#endif

/* What the child sends back: one write, well under PIPE_BUF. */
struct answer {
	int failure;		/* enum pdf_failure */
	long long pages;
	char why[200];
};

/* The bytes of address space this process maps now, or 0 when unknown. */
static uint64_t
mapped_bytes(void)
{
	unsigned long long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%llu", &pages) != 1)
		pages = 0;
	fclose(f);
	return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

static void
limit_child(const struct pdf_limits *lim)
{
	struct rlimit cpu = { 2, 3 };
	int null_fd;

	(void)setrlimit(RLIMIT_CPU, &cpu);
	if (PDF_LIMIT_ADDRESS_SPACE) {
		uint64_t now = mapped_bytes();
		struct rlimit as;

		/* Without /proc, a fixed ceiling that a normal process
		 * (a submission in memory, 200 MiB at most) stays under. */
		as.rlim_cur = as.rlim_max = now > 0
		    ? (rlim_t)(now + lim->memory_bytes)
		    : (rlim_t)(((uint64_t)1 << 30) + lim->memory_bytes);
		(void)setrlimit(RLIMIT_AS, &as);
	}
	/* qpdf is told to be silent; a library that prints anyway must not
	 * reach the grader's output. */
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd >= 0) {
		(void)dup2(null_fd, STDOUT_FILENO);
		(void)dup2(null_fd, STDERR_FILENO);
		close(null_fd);
	}
}

static void say(struct answer *a, enum pdf_failure failure, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static void
say(struct answer *a, enum pdf_failure failure, const char *fmt, ...)
{
	va_list ap;

	a->failure = (int)failure;
	va_start(ap, fmt);
	vsnprintf(a->why, sizeof a->why, fmt, ap);
	va_end(ap);
}

/* Whether qpdf's message is an allocation that the limit refused (it
 * surfaces as C++'s std::bad_alloc, caught by qpdf's C API). */
static int
out_of_memory(const char *detail)
{
	return detail != NULL && (strstr(detail, "bad_alloc") != NULL ||
				  strstr(detail, "out of memory") != NULL);
}

/* Whether any warning qpdf kept is a refused allocation. */
static int
warned_of_memory(qpdf_data q)
{
	int found = 0;

	while (qpdf_api.more_warnings(q)) {
		qpdf_error w = qpdf_api.next_warning(q);
		found |= out_of_memory(qpdf_api.get_error_message_detail(q, w));
	}
	return found;
}

static void
say_too_big(struct answer *a, const struct pdf_limits *lim)
{
	say(a, PDF_TOO_COSTLY, "reading it needs more than %llu MiB of memory",
	    (unsigned long long)(lim->memory_bytes >> 20));
}

/* The child's whole life: count, answer, _exit(). */
static void
child_count(const unsigned char *buf, size_t len,
	    const struct pdf_limits *lim, int fd)
{
	static const int fatal[] = {
		SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU,
	};
	struct answer a;
	const char *failed;
	qpdf_data q;
	ssize_t w;

	memset(&a, 0, sizeof a);
	/* A fault in the reader ends this child, seen by the parent as a
	 * signal: no handler of the parent's (a test runner's, a
	 * sanitizer's) runs here. */
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		(void)signal(fatal[i], SIG_DFL);
	/* Loaded before the limits: the library's own mappings are not the
	 * file's cost. */
	failed = load_qpdf();
	limit_child(lim);
	if (failed != NULL) {
		say(&a, PDF_NO_READER, "the PDF reader (libqpdf) cannot be "
		    "loaded: %s", failed);
		goto answer;
	}
	q = qpdf_api.init();
	qpdf_api.silence_errors(q);
	qpdf_api.set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_api.read_memory(q, "document.pdf", (const char *)buf,
			     (unsigned long long)len, "") & QPDF_ERRORS) {
		qpdf_error e = qpdf_api.get_error(q);
		enum qpdf_error_code_e code = qpdf_api.get_error_code(q, e);
		const char *detail = qpdf_api.get_error_message_detail(q, e);

		if (code == qpdf_e_password)
			say(&a, PDF_ENCRYPTED,
			    "it is encrypted with a password");
		else if (out_of_memory(detail))
			say_too_big(&a, lim);
		else if (code == qpdf_e_system)
			/* Not the file's fault: e.g. no /dev/urandom for an
			 * AES-256 file in a bare container. */
			say(&a, PDF_NO_READER, "the PDF reader failed (%s)",
			    detail != NULL ? detail : "");
		else
			say(&a, PDF_DAMAGED, "it is damaged (%s)",
			    detail != NULL ? detail : "");
	} else {
		int n = qpdf_api.get_num_pages(q);

		if (n < 0) {
			qpdf_error e = qpdf_api.get_error(q);
			const char *detail = e != NULL
			    ? qpdf_api.get_error_message_detail(q, e) : NULL;

			if (out_of_memory(detail) || warned_of_memory(q))
				say_too_big(&a, lim);
			else
				say(&a, PDF_DAMAGED,
				    "its page tree is damaged (%s)",
				    detail != NULL ? detail : "no pages found");
		} else if (warned_of_memory(q)) {
			/* qpdf turns some refused allocations into warnings
			 * and goes on with what it has: a count then is not
			 * the file's. */
			say_too_big(&a, lim);
		} else if (n == 0) {
			say(&a, PDF_DAMAGED, "it has no pages (its page tree "
			    "is empty or damaged beyond repair)");
		} else {
			a.failure = PDF_READ;
			a.pages = n;
		}
	}
answer:
	/* No qpdf_cleanup(): the process ends here, and a hostile file's
	 * objects are not worth the time to free. */
	do {
		w = write(fd, &a, sizeof a);
	} while (w < 0 && errno == EINTR);
	_exit(0);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads the answer before the deadline; returns 1 when it came whole. */
static int
read_answer(int fd, struct answer *a, int deadline_ms)
{
	long long deadline = now_ms() + deadline_ms;
	size_t got = 0;

	while (got < sizeof *a) {
		struct pollfd p = { fd, POLLIN, 0 };
		long long left = deadline - now_ms();
		ssize_t r;
		int ready;

		if (left <= 0)
			return 0;
		ready = poll(&p, 1, (int)left);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			return 0;
		r = read(fd, (char *)a + got, sizeof *a - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		got += (size_t)r;
	}
	return 1;
}

enum pdf_failure
pdf_count_pages(const unsigned char *buf, size_t len, uint64_t *pages,
		char *why, size_t whylen)
{
	struct pdf_limits lim = { PDF_MEMORY_BYTES, PDF_DEADLINE_MS };

	return pdf_count_pages_within(buf, len, &lim, pages, why, whylen);
}

enum pdf_failure
pdf_count_pages_within(const unsigned char *buf, size_t len,
		       const struct pdf_limits *lim, uint64_t *pages,
		       char *why, size_t whylen)
{
	struct answer a;
	int fds[2], status = 0, whole;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		snprintf(why, whylen, "the PDF reader could not start (%s)",
			 strerror(errno));
		return PDF_NO_READER;
	}
	pid = fork();
	if (pid < 0) {
		int err = errno;
		close(fds[0]);
		close(fds[1]);
		snprintf(why, whylen, "the PDF reader could not start (%s)",
			 strerror(err));
		return PDF_NO_READER;
	}
	if (pid == 0) {
		close(fds[0]);
		child_count(buf, len, lim, fds[1]);
	}
	close(fds[1]);
	memset(&a, 0, sizeof a);
	whole = read_answer(fds[0], &a, lim->deadline_ms);
	close(fds[0]);
	if (!whole)
		(void)kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!whole) {
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL &&
		    WTERMSIG(status) != SIGXCPU)
			snprintf(why, whylen,
				 "the PDF reader stopped on it (signal %d)",
				 WTERMSIG(status));
		else
			snprintf(why, whylen,
				 "reading it takes longer than %d ms",
				 lim->deadline_ms);
		return WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL &&
		       WTERMSIG(status) != SIGXCPU ? PDF_DAMAGED
						   : PDF_TOO_COSTLY;
	}
	a.why[sizeof a.why - 1] = '\0';
	if (a.failure == PDF_READ) {
		*pages = (uint64_t)a.pages;
		if (whylen > 0)
			why[0] = '\0';
		return PDF_READ;
	}
	snprintf(why, whylen, "%s", a.why);
	return a.failure >= PDF_ENCRYPTED && a.failure <= PDF_NO_READER
	    ? (enum pdf_failure)a.failure : PDF_DAMAGED;
}
