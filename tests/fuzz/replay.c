/* replay.c - main() for the fuzz targets when they are built without
 * libFuzzer (gcc, or clang without KB_FUZZ): runs the target once on each
 * file named, or on each file in each directory named, so the seed
 * corpora and the inputs that once crashed are run by ctest under ASan. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			uint8_t *nb = realloc(buf, cap);
			if (!nb)
				abort();
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int bad = 0, count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			count++;
			continue;
		}
		struct dirent **list;
		int n = scandir(argv[i], &list, NULL, NULL);
		if (n < 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		char **names = malloc(sizeof *names * (size_t)(n ? n : 1));
		int k = 0;
		for (int j = 0; j < n; j++) {
			if (list[j]->d_name[0] != '.') {
				size_t m = strlen(argv[i]) + strlen(list[j]->d_name) + 2;
				names[k] = malloc(m);
				snprintf(names[k++], m, "%s/%s", argv[i], list[j]->d_name);
			}
			free(list[j]);
		}
		free(list);
		qsort(names, (size_t)k, sizeof *names, cmp);
		for (int j = 0; j < k; j++) {
			bad |= run_file(names[j]);
			count++;
			free(names[j]);
		}
		free(names);
	}
	printf("%s: %d inputs run\n", argv[0], count);
	return bad;
}
