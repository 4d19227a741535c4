/*
 * test_ziprecords.c: the zip records read from an archive's bytes and
 * checked against each other (grader/lib/ziprecords.c).  Each layout is
 * built field by field with tests/unit/zipbuild.h: the ones real tools
 * write must agree, and each lie must give its fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ziprecords.h"
#include "zipbuild.h"

static const char A[] = "0.12\n0.87\n0.45\n";
static const char B[] = "0.15\n0.80\n0.41\n";

/* Builds a zip of the given entries, reads and checks it. */
static enum ziprec_fault_kind
check_entries(const struct zb_entry *e, size_t n, size_t *entry)
{
	struct zb z = { 0 };
	struct ziprec_dir dir;
	struct ziprec_fault f;

	for (size_t i = 0; i < n; i++)
		zb_add(&z, &e[i]);
	zb_finish(&z);
	if (ziprec_read(z.p, z.len, 1000, &dir, &f) == 0) {
		assert_int_equal(dir.count, n);
		assert_int_equal(dir.trailing, 0);
		ziprec_check(z.p, z.len, &dir, &f);
		ziprec_free(&dir);
	}
	free(z.p);
	if (entry != NULL)
		*entry = f.entry;
	return f.kind;
}

/* An entry with the descriptor flag and the given local fields. */
static struct zb_entry
with_descriptor(const char *name, const char *content,
		enum zb_descriptor form, int local_crc, int local_csize,
		int local_usize)
{
	struct zb_entry e = zb_stored(name, content);

	e.flags = 0x0008;
	e.descriptor = form;
	if (!local_crc)
		e.local_crc = 0;
	if (!local_csize)
		e.local_csize = 0;
	if (!local_usize)
		e.local_usize = 0;
	return e;
}

static void
test_honest_entries_without_descriptors_agree(void **state)
{
	struct zb_entry e[2] = { zb_stored("results1.csv", A),
				 zb_stored("results2.csv", B) };

	(void)state;
	assert_int_equal(check_entries(e, 2, NULL), ZIPREC_NONE);
}

static void
test_each_descriptor_form_is_found_after_the_data(void **state)
{
	static const enum zb_descriptor forms[] = {
		ZB_DESCRIPTOR_SIG32, ZB_DESCRIPTOR_BARE32,
		ZB_DESCRIPTOR_SIG64, ZB_DESCRIPTOR_BARE64,
	};

	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct zb_entry e[2] = {
			with_descriptor("results1.csv", A, forms[i], 0, 0, 0),
			with_descriptor("results2.csv", B, forms[i], 0, 0, 0),
		};

		assert_int_equal(check_entries(e, 2, NULL), ZIPREC_NONE);
	}
}

static void
test_the_layouts_of_real_tools_agree(void **state)
{
	/* bsdtar (libarchive): CRC and compressed size 0, uncompressed
	 * size filled in.  Archive Utility: compressed size filled in.
	 * Info-ZIP's zip -fd: all three filled in. */
	struct zb_entry bsdtar[2] = {
		with_descriptor("results1.csv", A, ZB_DESCRIPTOR_SIG32, 0, 0, 1),
		with_descriptor("results2.csv", B, ZB_DESCRIPTOR_SIG32, 0, 0, 1),
	};
	struct zb_entry apple[2] = {
		with_descriptor("results1.csv", A, ZB_DESCRIPTOR_SIG32, 0, 1, 0),
		with_descriptor("results2.csv", B, ZB_DESCRIPTOR_SIG32, 0, 1, 0),
	};
	struct zb_entry full[2] = {
		with_descriptor("results1.csv", A, ZB_DESCRIPTOR_SIG32, 1, 1, 1),
		with_descriptor("results2.csv", B, ZB_DESCRIPTOR_SIG32, 1, 1, 1),
	};

	(void)state;
	assert_int_equal(check_entries(bsdtar, 2, NULL), ZIPREC_NONE);
	assert_int_equal(check_entries(apple, 2, NULL), ZIPREC_NONE);
	assert_int_equal(check_entries(full, 2, NULL), ZIPREC_NONE);
}

static void
test_without_the_flag_a_zero_local_crc_contradicts(void **state)
{
	struct zb_entry e[2] = { zb_stored("results1.csv", A),
				 zb_stored("results2.csv", B) };
	size_t k = 9;

	(void)state;
	e[1].local_crc = 0;
	assert_int_equal(check_entries(e, 2, &k), ZIPREC_LOCAL_FIELD);
	assert_int_equal(k, 1);
}

static void
test_with_the_flag_a_local_size_that_is_not_zero_must_be_right(void **state)
{
	struct zb_entry e[1] = {
		with_descriptor("results1.csv", A, ZB_DESCRIPTOR_SIG32, 0, 0, 1),
	};

	(void)state;
	e[0].local_usize = 3;
	assert_int_equal(check_entries(e, 1, NULL), ZIPREC_LOCAL_FIELD);
}

static void
test_a_descriptor_that_disagrees_is_a_fault(void **state)
{
	struct zb_entry e[2] = {
		with_descriptor("results1.csv", A, ZB_DESCRIPTOR_SIG32, 0, 0, 0),
		with_descriptor("results2.csv", B, ZB_DESCRIPTOR_SIG32, 0, 0, 0),
	};
	size_t k = 9;

	(void)state;
	e[1].descriptor_crc ^= 1;
	assert_int_equal(check_entries(e, 2, &k), ZIPREC_DESCRIPTOR);
	assert_int_equal(k, 1);
}

static void
test_the_flag_without_a_descriptor_is_a_fault(void **state)
{
	struct zb_entry e[1] = {
		with_descriptor("results1.csv", A, ZB_NO_DESCRIPTOR, 1, 1, 1),
	};

	(void)state;
	assert_int_equal(check_entries(e, 1, NULL), ZIPREC_DESCRIPTOR);
}

static void
test_a_local_header_with_another_name_is_a_fault(void **state)
{
	struct zb_entry e[1] = { zb_stored("results1.csv", A) };

	(void)state;
	e[0].local_name = "results9.csv";
	assert_int_equal(check_entries(e, 1, NULL), ZIPREC_LOCAL_NAME);
}

static void
test_a_local_method_that_differs_is_a_fault(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("results1.csv", A);
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	zb_add(&z, &e);
	zb_finish(&z);
	z.p[8] = 8;		/* the local method: Deflate */
	assert_int_equal(ziprec_read(z.p, z.len, 10, &dir, &f), 0);
	assert_int_equal(ziprec_check(z.p, z.len, &dir, &f), -1);
	assert_int_equal(f.kind, ZIPREC_LOCAL_FIELD);
	assert_string_equal(f.field, "method");
	ziprec_free(&dir);
	free(z.p);
}

static void
test_two_central_headers_on_one_local_header_overlap(void **state)
{
	struct zb_entry e[2] = { zb_stored("results1.csv", A),
				 zb_stored("results1.csv", A) };
	size_t k = 9;

	(void)state;
	e[1].at_offset = 1;
	e[1].offset = 0;
	assert_int_equal(check_entries(e, 2, &k), ZIPREC_OVERLAP);
}

static void
test_data_that_run_into_the_directory_are_a_fault(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("results1.csv", A);
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	e.comp_len += 40;	/* claims the central header as its data */
	e.local_csize += 40;
	e.comp = (const unsigned char *)
		 "0.12\n0.87\n0.45\n.........................................";
	zb_add(&z, &e);
	zb_finish(&z);
	/* Move the directory back over the last 40 bytes of "data". */
	{
		size_t cd = z.len - 22 - (46 + 12);
		size_t at = cd - 40;

		memmove(z.p + at, z.p + cd, z.len - cd);
		z.len -= 40;
		z.p[z.len - 6] = (unsigned char)at;
		z.p[z.len - 5] = (unsigned char)(at >> 8);
	}
	assert_int_equal(ziprec_read(z.p, z.len, 10, &dir, &f), 0);
	assert_int_equal(ziprec_check(z.p, z.len, &dir, &f), -1);
	assert_int_equal(f.kind, ZIPREC_OUTSIDE);
	ziprec_free(&dir);
	free(z.p);
}

static void
test_trailing_bytes_are_counted_and_signatures_found(void **state)
{
	static const unsigned char zeros[512];
	struct zb z = { 0 };
	struct ziprec_dir dir;
	struct ziprec_fault f;
	unsigned char *p;

	(void)state;
	zb_one(&z, "results1.csv", A);
	p = zb_with_tail(&z, zeros, sizeof zeros);
	assert_int_equal(ziprec_read(p, z.len + 512, 10, &dir, &f), 0);
	assert_int_equal(dir.trailing, 512);
	assert_int_equal(dir.count, 1);
	assert_false(ziprec_has_signature(p + z.len, 512));
	memcpy(p + z.len + 100, "PK\1\2", 4);
	assert_true(ziprec_has_signature(p + z.len, 512));
	ziprec_free(&dir);
	free(p);
	free(z.p);
}

static void
test_bytes_in_front_move_the_directory_from_where_it_is_said(void **state)
{
	struct zb z = { 0 };
	struct ziprec_dir dir;
	struct ziprec_fault f;
	unsigned char *p;

	(void)state;
	zb_one(&z, "results1.csv", A);
	p = malloc(z.len + 16);
	memset(p, 'x', 16);
	memcpy(p + 16, z.p, z.len);
	assert_int_equal(ziprec_read(p, z.len + 16, 10, &dir, &f), -1);
	assert_int_equal(f.kind, ZIPREC_DIRECTORY);
	assert_int_equal(ziprec_read(p, 21, 10, &dir, &f), -1);
	assert_int_equal(f.kind, ZIPREC_NO_END);
	free(p);
	free(z.p);
}

static void
test_more_records_than_allowed_stop_the_read(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e[3] = { zb_stored("a.csv", A), zb_stored("b.csv", A),
				 zb_stored("c.csv", A) };
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	for (int i = 0; i < 3; i++)
		zb_add(&z, &e[i]);
	zb_finish(&z);
	assert_int_equal(ziprec_read(z.p, z.len, 2, &dir, &f), -1);
	assert_int_equal(f.kind, ZIPREC_TOO_MANY);
	assert_int_equal(ziprec_read(z.p, z.len, 3, &dir, &f), 0);
	ziprec_free(&dir);
	ziprec_free(NULL);
	free(z.p);
}

static void
test_a_saturated_size_without_zip64_is_unresolved(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("big.bin", A);
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	e.usize = 0xffffffffu;
	zb_add(&z, &e);
	zb_finish(&z);
	assert_int_equal(ziprec_read(z.p, z.len, 10, &dir, &f), 0);
	assert_int_equal(dir.rec[0].size_unresolved, 1);
	assert_int_equal(dir.rec[0].usize, 0xffffffffu);
	ziprec_free(&dir);
	free(z.p);
}

static void
test_a_zip64_field_resolves_the_central_sizes(void **state)
{
	/* ZIP64 extended information: id 1, 16 bytes: the uncompressed
	 * and compressed sizes, the two fields saturated in the header. */
	static const unsigned char z64[20] = {
		1, 0, 16, 0, 15, 0, 0, 0, 0, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0,
	};
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("results1.csv", A);
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	e.central_extra = z64;
	e.central_extra_len = sizeof z64;
	e.local_extra = z64;
	e.local_extra_len = sizeof z64;
	e.usize = 0xffffffffu;
	e.local_usize = e.local_csize = 0xffffffffu;
	zb_add(&z, &e);
	/* The central compressed size too. */
	z.cd[20] = z.cd[21] = z.cd[22] = z.cd[23] = 0xff;
	zb_finish(&z);
	assert_int_equal(ziprec_read(z.p, z.len, 10, &dir, &f), 0);
	assert_int_equal(dir.rec[0].size_unresolved, 0);
	assert_int_equal(dir.rec[0].usize, 15);
	assert_int_equal(dir.rec[0].csize, 15);
	assert_int_equal(ziprec_check(z.p, z.len, &dir, &f), 0);
	ziprec_free(&dir);
	free(z.p);
}

static void
test_a_unicode_path_field_is_noted(void **state)
{
	/* Info-ZIP Unicode Path: id 0x7075, version 1, CRC-32 of the
	 * stored name, the name in UTF-8 ("é.txt"). */
	static const unsigned char up[] = {
		0x75, 0x70, 11, 0, 1, 0, 0, 0, 0, 0xc3, 0xa9, '.', 't', 'x', 't',
	};
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("\x82.txt", A);
	struct ziprec_dir dir;
	struct ziprec_fault f;

	(void)state;
	e.central_extra = up;
	e.central_extra_len = sizeof up;
	zb_add(&z, &e);
	zb_finish(&z);
	assert_int_equal(ziprec_read(z.p, z.len, 10, &dir, &f), 0);
	assert_int_equal(dir.rec[0].uname_len, 6);
	assert_memory_equal(dir.rec[0].uname, "\xc3\xa9.txt", 6);
	ziprec_free(&dir);
	free(z.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_honest_entries_without_descriptors_agree),
		cmocka_unit_test(test_each_descriptor_form_is_found_after_the_data),
		cmocka_unit_test(test_the_layouts_of_real_tools_agree),
		cmocka_unit_test(test_without_the_flag_a_zero_local_crc_contradicts),
		cmocka_unit_test(test_with_the_flag_a_local_size_that_is_not_zero_must_be_right),
		cmocka_unit_test(test_a_descriptor_that_disagrees_is_a_fault),
		cmocka_unit_test(test_the_flag_without_a_descriptor_is_a_fault),
		cmocka_unit_test(test_a_local_header_with_another_name_is_a_fault),
		cmocka_unit_test(test_a_local_method_that_differs_is_a_fault),
		cmocka_unit_test(test_two_central_headers_on_one_local_header_overlap),
		cmocka_unit_test(test_data_that_run_into_the_directory_are_a_fault),
		cmocka_unit_test(test_trailing_bytes_are_counted_and_signatures_found),
		cmocka_unit_test(test_bytes_in_front_move_the_directory_from_where_it_is_said),
		cmocka_unit_test(test_more_records_than_allowed_stop_the_read),
		cmocka_unit_test(test_a_saturated_size_without_zip64_is_unresolved),
		cmocka_unit_test(test_a_zip64_field_resolves_the_central_sizes),
		cmocka_unit_test(test_a_unicode_path_field_is_noted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
