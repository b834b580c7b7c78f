/* noise.c - the robustness test on real inputs ("noise" and "chop").
 *
 *   kb_noise DIR...
 *
 * Every knowledge-base file under the DIRs (the golden cases, test data,
 * corpora) is read as the format detection gives it, then read again many
 * times, damaged: a byte deleted or inserted at each of up to N evenly
 * spread offsets (noise), and the file cut at each of them (chop).  Each
 * version goes through the whole in-memory pipeline of harness.c, whose
 * checks abort on a broken invariant; under ASan/UBSan any memory error or
 * undefined behaviour fails the test too.  N is 96, or $KB_NOISE_OFFSETS.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "parse/parser.h"

static size_t noffsets = 96;
static size_t files, runs;

/* Bytes that mean something to some format, and broken UTF-8. */
static const unsigned char inserts[] = {'<', '>', '"', '{', '}', '[', ']', ':', '\n',
					'-', '#', '*', '&', '\\', '\'', ',', '/', ' ',
					0xC3, 0xE0, 0x80, 0x00, '\r', '!', '`', '|'};

static void one(const char *path, const char *format, const uint8_t *d, size_t n)
{
	fz_file f = {path, format, d, n};
	fz_run(&f, 1);
	runs++;
}

static void damage(const char *path, const char *format, const uint8_t *d, size_t n)
{
	uint8_t *buf = malloc(n + 1);
	if (!buf)
		abort();
	size_t k = n < noffsets ? n : noffsets;
	for (size_t i = 0; i <= k; i++) {
		size_t off = k ? (n * i) / k : 0;
		if (i == k)
			off = n ? n - 1 : 0; /* the last byte too */
		/* noise: delete the byte at off */
		if (off < n) {
			memcpy(buf, d, off);
			memcpy(buf + off, d + off + 1, n - off - 1);
			one(path, format, buf, n - 1);
		}
		/* noise: insert a byte before off */
		memcpy(buf, d, off);
		buf[off] = inserts[(i * 7 + n) % sizeof inserts];
		memcpy(buf + off + 1, d + off, n - off);
		one(path, format, buf, n + 1);
		/* chop: the first off bytes only */
		one(path, format, d, off);
	}
	free(buf);
}

static void file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	static uint8_t data[1 << 20];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	const kb_parser *p = kb_parser_detect(path, (const char *)data, n);
	if (!p || n == sizeof data)
		return;
	files++;
	one(path, p->name, data, n);
	damage(path, p->name, data, n);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISREG(st.st_mode)) {
		file(path);
		return;
	}
	if (!S_ISDIR(st.st_mode))
		return;
	struct dirent **list;
	int n = scandir(path, &list, NULL, by_name);
	for (int i = 0; i < n; i++) {
		const char *nm = list[i]->d_name;
		if (strcmp(nm, ".") && strcmp(nm, "..") && strcmp(nm, "node_modules")) {
			size_t m = strlen(path) + strlen(nm) + 2;
			char *child = malloc(m);
			snprintf(child, m, "%s/%s", path, nm);
			walk(child);
			free(child);
		}
		free(list[i]);
	}
	free(list);
}

int main(int argc, char **argv)
{
	const char *env = getenv("KB_NOISE_OFFSETS");
	if (env && atoi(env) > 0)
		noffsets = (size_t)atoi(env);
	fz_init();
	for (int i = 1; i < argc; i++)
		walk(argv[i]);
	printf("noise/chop: %zu files, %zu parses, no failure\n", files, runs);
	return files ? 0 : 1;
}
