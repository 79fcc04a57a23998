// SPDX-License-Identifier: MIT
// Reply as a value: each kind copied, moved and assigned over every other kind (its storage is
// a union of an integer, a string and elements), compared, and iterated. No server needed
// (the parser building replies in place is covered by tst_redis_errors' fake peers).
#include <diesel/redis/error.h>
#include <diesel/redis/reply.h>

#include <QTest>

#include <string>
#include <vector>

using diesel::redis::Reply;

namespace {
// One reply of each kind, an array nesting a long (heap-allocated) string among them.
std::vector<Reply> every_kind()
{
    const std::string long_text(100, 'x');
    return {Reply::nil(),
            Reply::status("OK"),
            Reply::error("ERR no"),
            Reply::integer(-42),
            Reply::bulk(long_text),
            Reply::array({Reply::bulk("a"), Reply::integer(1),
                          Reply::array({Reply::bulk(long_text), Reply::nil()})})};
}
} // namespace

class TestRedisReply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesAndMovesKeepTypeAndValue()
    {
        for (const Reply &original : every_kind()) {
            const Reply copy(original);
            QCOMPARE(copy, original);
            Reply source(original);
            const Reply moved(std::move(source));
            QCOMPARE(moved, original);
            QCOMPARE(source.type(), original.type()); // moved-from keeps its type
        }
    }

    void assignsOverEveryOtherKind()
    {
        const std::vector<Reply> kinds = every_kind();
        for (const Reply &from : kinds)
            for (const Reply &to : kinds) {
                Reply copied(to);
                copied = from;
                QCOMPARE(copied, from);
                Reply moved(to);
                Reply source(from);
                moved = std::move(source);
                QCOMPARE(moved, from);
            }
    }

    void assignsFromItsOwnElement()
    {
        Reply reply = every_kind().back();
        const Reply inner = reply[2];
        reply = reply[2]; // copied before this reply's elements go
        QCOMPARE(reply, inner);
        Reply moved = every_kind().back();
        moved = std::move(moved.elements()[2]); // taken before this reply's elements go
        QCOMPARE(moved, inner);
        Reply self = every_kind().back();
        const Reply before = self;
        Reply &alias = self;
        self = alias;
        QCOMPARE(self, before);
        self = std::move(alias);
        QCOMPARE(self, before);
    }

    void comparesByTypeAndValue()
    {
        QVERIFY(Reply::integer(0) != Reply::nil());
        QVERIFY(Reply::status("OK") != Reply::bulk("OK"));
        QVERIFY(Reply::integer(1) != Reply::integer(2));
        QCOMPARE(Reply::nil(), Reply());
    }

    void nonArraysHaveNoElements()
    {
        for (const Reply &reply : every_kind()) {
            if (reply.is_array())
                continue;
            QCOMPARE(reply.size(), std::size_t(0));
            QVERIFY(reply.begin() == reply.end());
        }
        const Reply array = every_kind().back();
        QCOMPARE(std::size_t(array.end() - array.begin()), std::size_t(3));
    }

    void movesItsTextOutAsAnOptionalString()
    {
        QVERIFY(!Reply::nil().as_optional_string().has_value());
        QCOMPARE(Reply::status("OK").as_optional_string().value(), std::string("OK"));
        QCOMPARE(Reply::bulk(std::string(100, 'x')).as_optional_string().value(),
                 std::string(100, 'x'));
        QCOMPARE(Reply::integer(-7).as_optional_string().value(), std::string("-7"));
        QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisProtocolError,
                                 Reply::error("ERR x").as_optional_string());
        QVERIFY_THROWS_EXCEPTION(diesel::redis::RedisProtocolError,
                                 every_kind().back().as_optional_string());
    }
};

QTEST_GUILESS_MAIN(TestRedisReply)
#include "tst_redis_reply.moc"
