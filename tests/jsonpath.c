/*
 * jsonpath: a test helper that prints one value of a JSON file, so that CLI
 * tests can assert scorecard fields by value without depending on jq.
 *
 *   jsonpath FILE PATH      PATH like .models[0].auc or .problems  (. = root)
 *
 * Numbers print with %.17g, strings raw, null as "null", true/false, and
 * arrays or objects as compact JSON.  Exit 1 when the path does not exist,
 * 2 on a usage or parse error.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 65536);
			if (nb == NULL) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	if (f != stdin)
		fclose(f);
	buf[len] = '\0';
	return buf;
}

int
main(int argc, char **argv)
{
	char *text, *out;
	const char *p;
	cJSON *root, *cur;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: jsonpath FILE PATH\n");
		return 2;
	}
	if ((text = slurp(argv[1])) == NULL) {
		fprintf(stderr, "jsonpath: cannot read %s\n", argv[1]);
		return 2;
	}
	if ((root = cJSON_Parse(text)) == NULL) {
		fprintf(stderr, "jsonpath: no JSON in %s\n", argv[1]);
		free(text);
		return 2;
	}
	cur = root;
	p = argv[2];
	/* Every way out below goes through done, so that a sanitizer build
	 * of this helper reports no leak. */
	while (*p != '\0' && cur != NULL) {
		if (*p == '.') {
			char key[256];
			size_t n = strcspn(p + 1, ".[");
			p++;
			if (n == 0)
				continue;
			if (n >= sizeof key) {
				rc = 2;
				goto done;
			}
			memcpy(key, p, n);
			key[n] = '\0';
			cur = cJSON_GetObjectItemCaseSensitive(cur, key);
			p += n;
		} else if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			if (*end != ']') {
				rc = 2;
				goto done;
			}
			cur = cJSON_GetArrayItem(cur, (int)i);
			p = end + 1;
		} else {
			rc = 2;
			goto done;
		}
	}
	if (cur == NULL) {
		rc = 1;
		goto done;
	}
	if (cJSON_IsNumber(cur))
		printf("%.17g\n", cur->valuedouble);
	else if (cJSON_IsString(cur))
		printf("%s\n", cur->valuestring);
	else {
		out = cJSON_PrintUnformatted(cur);
		printf("%s\n", out);
		cJSON_free(out);
	}
	rc = 0;
done:
	cJSON_Delete(root);
	free(text);
	return rc;
}
