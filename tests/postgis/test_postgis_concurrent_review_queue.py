"""Two reviewers' review queues on one PostGIS store: the damage one of them shows is held for him."""

from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store_postgis import PostgisDamageStore

from .conftest import populate


def test_postgis_concurrent_queues_never_show_the_same_damage(pg_dsn, pg_schema):
    setup = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(setup, 20)
    setup.close()
    anna = ReviewQueue(PostgisDamageStore.open(pg_dsn, schema=pg_schema), who="anna")
    ben = ReviewQueue(PostgisDamageStore.open(pg_dsn, schema=pg_schema), who="ben")
    try:
        assert anna.current_id is not None and ben.current_id is not None
        assert anna.current_id != ben.current_id  # same order, but anna holds the first one
        shown_by_anna = anna.current_id
        ben.go_to(shown_by_anna)
        assert ben.current_id != shown_by_anna  # held by anna: ben is moved on to a free one
        anna.confirm()  # decides, releases it and moves on (claiming the next free damage)
        assert anna.current_id not in (shown_by_anna, ben.current_id)
        ben.reload()
        assert shown_by_anna not in ben.ids  # decided: no longer in the unreviewed queue
    finally:
        anna.close()
        ben.close()
