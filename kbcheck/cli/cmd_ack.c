/* cmd_ack.c - `kbcheck ack`: acknowledge an intended difference, by the
 * finding's fingerprint, in .kbcheck/acks.yml at the KB root (the finding
 * looked up in the check every command runs: kb_run_check). */
#include <stdlib.h>

#include "../base/text.h"
#include "../config/acks.h"
#include "../pipeline/run.h"
#include "cli.h"
#include "exit.h"
#include "runopts.h"

static const char ack_usage[] =
    "usage: kbcheck ack [options] FINGERPRINT --reason TEXT [PATH...]\n"
    "\n"
    "Acknowledge an intended difference: append it to .kbcheck/acks.yml at the\n"
    "knowledge base's root (review it like code).  Acknowledged findings are not\n"
    "reported; after --expires they come back.\n"
    "\n"
    "      --reason TEXT      why the difference is intended (required)\n"
    "      --expires DATE     YYYY-MM-DD after which the finding is reported again\n"
    "      --by NAME          who acknowledges it (default: $USER)\n"
    "  -c, --config FILE      project config\n"
    "  -r, --rules PATH       rule pack file or directory (repeatable)\n"
    "      --no-cache         parse every file (.kbcheck/cache/ not used)\n"
    "  -h, --help             this help\n";

int kb_cmd_ack(int argc, char **argv)
{
	kb_cli_finding o;
	kb_run *r;
	int st = kb_cli_finding_open(true, ack_usage, argc, argv, &o, &r);
	if (st >= 0)
		return st;
	const kb_finding *f = o.finding;
	if (f->ack_reason) {
		kb_fprintf_safe(stderr, "kbcheck: %s is already acknowledged: %s", f->fingerprint,
				f->ack_reason);
		fputc('\n', stderr);
		return kb_cli_finish(r, KB_EXIT_OK);
	}
	const char *by = o.by ? o.by : getenv("USER");
	kb_ack ack = {.fingerprint = f->fingerprint,
		      .reason = o.reason,
		      .by = by,
		      .date = o.run.today,
		      .expires = o.expires,
		      .finding = kb_sprintf(r->arena, "%s.%s", f->topic, f->attribute)};
	if (!kb_acks_append(r->arena, r->diags, r->config->root, &ack))
		return kb_cli_finish(r, KB_EXIT_ERROR);
	kb_fprintf_safe(stdout, "acknowledged %s (%s.%s) in %s", f->fingerprint, f->topic,
			f->attribute, r->acks_path);
	putchar('\n');
	return kb_cli_finish(r, KB_EXIT_OK);
}
