/* SPDX-License-Identifier: MIT */
/* fuzz_iscsiadm_args.c - libFuzzer harness for iscsiadm's command-line
 * parser (applets/iscsiadm_args.c, run without the modes behind it):
 * the input is the argument words, cut at NUL bytes, after
 * "iscsiadm".  adm_parse() must end with an open-iscsi exit code or say
 * to go on with a mode it knows, within the -I and -n/-v limits, and
 * every string it hands on must be one of the words given.
 * Run with -close_fd_mask=3: the parser prints what iscsiadm prints. */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/log.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_WORDS 48

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s is NULL or lies inside one of the words. */
static void from_argv(const char *s, char *const *words, int n)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < n; i++)
		if (s >= words[i] && s <= words[i] + strlen(words[i]))
			return;
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *argv[FUZZ_MAX_WORDS + 2];
	char *words[FUZZ_MAX_WORDS + 1], prog[] = "iscsiadm";
	struct adm_opts o;
	size_t off = 0;
	int argc = 1, rc, mode_given, i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	argv[0] = words[0] = prog;
	while (off < size && argc <= FUZZ_MAX_WORDS) {
		argv[argc] = words[argc] = text + off;
		off += strlen(text + off) + 1;
		argc++;
	}
	argv[argc] = NULL;
	log_init("iscsiadm");
	rc = adm_parse(argc, argv, &o, &mode_given);
	if (rc != -1 && rc != ISCSI_SUCCESS && rc != ISCSI_ERR_INVAL &&
	    rc != ISCSI_ERR_NOMEM)
		abort();
	if (rc == -1) {
		if (mode_given && (o.mode < ADM_MODE_DISCOVERY ||
				   o.mode > ADM_MODE_HOST))
			abort();
		if (o.n_ifaces < 0 || o.n_ifaces > ADM_MAX_IFACES ||
		    o.n_params < 0 || o.n_params > ADM_MAX_PARAMS)
			abort();
		for (i = 0; i < o.n_ifaces; i++)
			from_argv(o.ifaces[i], words, argc);
		for (i = 0; i < o.n_params; i++) {
			if (!o.params[i].name)
				abort();
			from_argv(o.params[i].name, words, argc);
			from_argv(o.params[i].value, words, argc);
		}
		from_argv(o.portal, words, argc);
		from_argv(o.target, words, argc);
		from_argv(o.sid, words, argc);
		from_argv(o.kill, words, argc);
		from_argv(o.login_all, words, argc);
	}
	free(text);
	return 0;
}
