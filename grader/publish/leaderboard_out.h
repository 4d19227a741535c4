/*
 * leaderboard_out.h: the leaderboard's files, leaderboard.json and
 * leaderboard.csv, rendered from a ranked leaderboard (lib/leaderboard).
 * The same rows always give the same bytes, in any locale.  Part of the
 * publisher: depends on the library's leaderboard, scorecard (the JSON
 * builder), number and schema, and on libcsv; never prints, never exits.
 */
#ifndef GRADER_LEADERBOARD_OUT_H
#define GRADER_LEADERBOARD_OUT_H

#include <cjson/cJSON.h>

#include "leaderboard.h"

/*
 * leaderboard.json: {"challenge": id, "rows": [...]} in rank order, each
 * row {rank, submission, name, status, best_auc, models: [{file, auc}],
 * flags, sha256}.  challenge is the challenge's id.  Precondition: lb is
 * ranked (leaderboard_rank()).  Returns a new cJSON tree (cJSON_Delete),
 * or NULL when out of memory.
 */
cJSON *leaderboard_out_json(const struct leaderboard *lb,
			    const char *challenge);

/*
 * leaderboard.csv: a header row, then one row a submission in rank order:
 * rank,submission,status,best_auc,auc_1..auc_K,flags,sha256 (K the most
 * models of any row, at least 2; flags joined by ';'), lines ending in
 * CRLF.  A field that holds a comma, a quote or a line end is quoted by
 * libcsv's writer as RFC 4180 says, and a submission name that a
 * spreadsheet would run as a formula (=, +, -, @, tab or CR first) is
 * prefixed with '.  Precondition: lb is ranked.  Returns a new string
 * (free), or NULL when out of memory.
 */
char *leaderboard_out_csv(const struct leaderboard *lb);

#endif
