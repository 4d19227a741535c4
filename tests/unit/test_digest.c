/* Unit tests of SHA-256 (grader/lib/digest.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "readfile.h"	/* to read a fixture whole */

static void
test_digest_of_abc_is_the_fips_180_example(void **state)
{
	unsigned char sum[32];
	char hex[65];

	(void)state;
	digest_sha256("abc", 3, sum);
	digest_hex(sum, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest_sha256("", 0, sum);
	digest_hex(sum, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_digest_incremental_equals_one_shot(void **state)
{
	unsigned char a[32], b[32];
	struct digest_ctx ctx;
	const char *text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	digest_sha256(text, strlen(text), a);
	digest_init(&ctx);
	for (size_t i = 0; i < strlen(text); i++)
		digest_update(&ctx, text + i, 1);
	digest_final(&ctx, b);
	assert_memory_equal(a, b, 32);
}

static void
test_digest_file_equals_the_buffer_sum(void **state)
{
	unsigned char *data, a[32], b[32];
	size_t len;
	uint64_t bytes;

	(void)state;
	assert_int_equal(readfile("fixtures/submissions/pass.zip", 1 << 30, &data, &len), 0);
	assert_int_equal(data[len], '\0');
	digest_sha256(data, len, a);
	assert_int_equal(digest_file("fixtures/submissions/pass.zip", b, &bytes), 0);
	assert_int_equal(bytes, len);
	assert_memory_equal(a, b, 32);
	free(data);
	assert_int_equal(digest_file("fixtures/none", b, &bytes), ENOENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest_of_abc_is_the_fips_180_example),
		cmocka_unit_test(test_digest_incremental_equals_one_shot),
		cmocka_unit_test(test_digest_file_equals_the_buffer_sum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
