/* SPDX-License-Identifier: MIT */
/* login_driver.c - test driver: a full normal-session login over TCP in
 * user space (security + operational stages to full feature phase),
 * printing the negotiated values, then a logout.  Exit status is the
 * ISCSI_ERR_* code, as iscsiadm would return it.
 * usage: login_driver -a ADDR -p PORT -i INITIATOR -t TARGET
 *        [-u USER -w SECRET] [-U USER_IN -W SECRET_IN] [-A ALGS]
 *        [-T LOGIN_TIMEOUT] [-r REOPEN_MAX] [-d]
 *        [-N NETDEV] [-H HWADDRESS] [-I IPADDRESS]   (an iface binding) */
#include "core/chap.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/negotiate.h"
#include "core/rng.h"
#include "core/usession.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_algs(const char *s, struct login_params *lp)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", s);
	lp->n_chap_algs = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int alg = chap_alg_from_name(tok);

		if (alg < 0 || lp->n_chap_algs == LOGIN_MAX_CHAP_ALGS)
			return -1;
		lp->chap_algs[lp->n_chap_algs++] = alg;
	}
	return 0;
}

static void print_result(const struct usess_result *r)
{
	static const enum neg_key shown[] = {
		NEG_HEADER_DIGEST, NEG_DATA_DIGEST, NEG_MAX_RECV_DSL,
		NEG_MAX_BURST, NEG_FIRST_BURST, NEG_INITIAL_R2T,
		NEG_IMMEDIATE_DATA, NEG_MAX_OUTSTANDING_R2T,
		NEG_DEFAULT_TIME2WAIT, NEG_DEFAULT_TIME2RETAIN,
		NEG_ERROR_RECOVERY_LEVEL, NEG_MAX_CONNECTIONS,
	};
	size_t i;

	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		const struct neg_key_def *d = &neg_table[shown[i]];

		if (d->kind == NEG_LIST || d->kind == NEG_DECL)
			printf("%s = %s\n", d->name,
			       neg_result_str(&r->neg, shown[i]));
		else if (d->kind == NEG_BOOL_AND || d->kind == NEG_BOOL_OR)
			printf("%s = %s\n", d->name,
			       neg_result_num(&r->neg, shown[i]) ? "Yes" :
								   "No");
		else
			printf("%s = %u\n", d->name,
			       neg_result_num(&r->neg, shown[i]));
	}
	printf("MaxXmitDataSegmentLength = %u\n", r->neg.max_xmit_dsl);
	printf("TargetPortalGroupTag = %d\n", r->tpgt);
	printf("TSIH = %u\n", r->tsih);
	printf("CHAP_A = %d\n", r->chap_alg);
}

int main(int argc, char **argv)
{
	static const uint8_t isid[6] = { 0x00, 0x02, 0x3d, 0x00, 0x00, 0x01 };
	struct usess_cfg u;
	struct usess_result r;
	struct loop *loop;
	struct rng *rng;
	int c, rc;

	log_init("login_driver");
	memset(&u, 0, sizeof(u));
	u.port = 3260;
	u.login_timeout = 15;
	u.login_rsp_timeout = 15;
	u.active_timeout = 30;
	u.logout_timeout = 15;
	u.reopen_max = 0;
	u.retry_delay_ms = 1000;
	memcpy(u.login.isid, isid, sizeof(isid));
	u.login.itt = 1;
	while ((c = getopt(argc, argv, "a:p:i:t:u:w:U:W:A:T:r:dN:H:I:")) != -1) {
		switch (c) {
		case 'a': u.addr = optarg; break;
		case 'p': u.port = atoi(optarg); break;
		case 'i': u.login.initiator_name = optarg; break;
		case 't': u.login.target_name = optarg; break;
		case 'u': u.login.username = optarg; break;
		case 'w': u.login.password = optarg; break;
		case 'U': u.login.username_in = optarg; break;
		case 'W': u.login.password_in = optarg; break;
		case 'T':
			u.login_timeout = (unsigned)atoi(optarg);
			u.login_rsp_timeout = u.login_timeout;
			break;
		case 'r': u.reopen_max = atoi(optarg); break;
		case 'N': u.bind.netdev = optarg; break;
		case 'H': u.bind.hwaddress = optarg; break;
		case 'I': u.bind.ipaddress = optarg; break;
		case 'd': log_set_debug(8); break;
		case 'A':
			if (parse_algs(optarg, &u.login) < 0) {
				fprintf(stderr, "bad -A list\n");
				return ISCSI_ERR_INVAL;
			}
			break;
		default:
			return ISCSI_ERR_INVAL;
		}
	}
	if (!u.addr || !u.login.initiator_name || !u.login.target_name) {
		fprintf(stderr, "usage: login_driver -a ADDR -p PORT -i INAME "
				"-t TARGET [-u U -w P] [-U U -W P] [-A ALGS]\n");
		return ISCSI_ERR_INVAL;
	}
	/* open-iscsi's values for a normal session (iscsid.conf defaults). */
	neg_init(&u.neg, 0);
	neg_set(&u.neg, NEG_HEADER_DIGEST, "None", NULL);
	neg_set(&u.neg, NEG_DATA_DIGEST, "None", NULL);
	neg_set(&u.neg, NEG_DEFAULT_TIME2WAIT, "2", NULL);
	neg_set(&u.neg, NEG_DEFAULT_TIME2RETAIN, "0", NULL);
	neg_set(&u.neg, NEG_IF_MARKER, "No", NULL);
	neg_set(&u.neg, NEG_OF_MARKER, "No", NULL);
	neg_set(&u.neg, NEG_ERROR_RECOVERY_LEVEL, "0", NULL);
	neg_set(&u.neg, NEG_INITIAL_R2T, "No", NULL);
	neg_set(&u.neg, NEG_IMMEDIATE_DATA, "Yes", NULL);
	neg_set(&u.neg, NEG_MAX_BURST, "16776192", NULL);
	neg_set(&u.neg, NEG_FIRST_BURST, "262144", NULL);
	neg_set(&u.neg, NEG_MAX_OUTSTANDING_R2T, "1", NULL);
	neg_set(&u.neg, NEG_MAX_CONNECTIONS, "1", NULL);
	neg_set(&u.neg, NEG_DATA_PDU_IN_ORDER, "Yes", NULL);
	neg_set(&u.neg, NEG_DATA_SEQUENCE_IN_ORDER, "Yes", NULL);
	neg_set(&u.neg, NEG_MAX_RECV_DSL, "262144", NULL);
	loop = loop_new();
	rng = rng_new();
	if (!loop || !rng) {
		fprintf(stderr, "login_driver: out of memory\n");
		return ISCSI_ERR_NOMEM;
	}
	rc = usess_run(loop, rng, &u, &r);
	if (rc == 0)
		print_result(&r);
	else
		fprintf(stderr, "login_driver: login failed (%d - %s): %s\n",
			rc, iscsi_err_str(rc), r.reason);
	usess_result_free(&r);
	rng_delete(rng);
	loop_delete(loop);
	return rc;
}
