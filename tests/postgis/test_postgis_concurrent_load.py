"""Load: 4 reviewer processes clear a queue of 5,000 damages concurrently; nothing lost or doubled."""

import collections

from soest_qgis_plugin.roaddamage.store_postgis import PostgisDamageStore

from .conftest import populate

DAMAGES = 5000
WORKERS = 4
STALE = 10


def test_postgis_concurrent_reviewers_decide_every_damage_exactly_once(pg_dsn, pg_schema, capsys):
    from tools.pg_test_server import run_review_load

    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(store, DAMAGES)
    result = run_review_load(pg_dsn, pg_schema, workers=WORKERS, stale_attempts=STALE)

    decided = [damage_id for damage_id, _ in result["decided"]]
    assert len(decided) == DAMAGES  # nothing lost
    assert len(set(decided)) == DAMAGES  # nothing handed out twice
    assert all(action is not None for _, action in result["decided"])
    assert all(n > 0 for n in result["per_worker"].values()), result["per_worker"]  # really concurrent
    assert result["stale_conflicts"] == WORKERS * STALE  # stale writes refused, not overwritten

    counts = store.status_counts()
    assert counts["unreviewed"] == 0
    assert counts["confirmed"] + counts["rejected"] == DAMAGES
    audit = store.audit()
    status_rows = collections.Counter(a["damage_id"] for a in audit if a["field"] == "status")
    assert len(status_rows) == DAMAGES and set(status_rows.values()) == {1}  # audit complete, one each
    actions = {a["action_id"] for a in audit}
    assert actions == {action for _, action in result["decided"]}
    # the stored decision is the reviewer's: odd ids confirmed, even rejected, by whoever decided it
    who_decided = {a["damage_id"]: a["who"] for a in audit if a["field"] == "status"}
    for row in store.damage_rows(store.damage_ids(statuses=None)):
        assert row["status"] == ("confirmed" if row["fid"] % 2 else "rejected")
        assert store.damage(row["fid"])["reviewer"] == who_decided[row["fid"]] if row["fid"] % 997 == 0 else True
    assert all(d["claimed_by"] is None for d in [store.damage(i) for i in (1, 2500, 5000)])
    store.close()
    with capsys.disabled():
        print(
            "\n[postgis load] {n} decisions by {w} reviewer processes: {rate:.0f} decisions/s "
            "(busy {busy:.1f} s, wall {wall:.1f} s incl. process start) per worker {per}".format(
                n=len(decided),
                w=WORKERS,
                rate=result["decisions_per_second"],
                busy=result["busy_seconds"],
                wall=result["seconds"],
                per=result["per_worker"],
            )
        )
