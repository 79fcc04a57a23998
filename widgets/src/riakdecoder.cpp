// SPDX-License-Identifier: MIT
// Riak PBC: a 4-byte big-endian length, a message code, a protobuf message. The code is named
// (basho/riak_pb's riak_pb_messages.csv); the bucket and key of requests and the text of errors
// are read from the protobuf's wire format directly (the generated classes are private to
// diesel::riak, and these few fields need no schema).
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/format.h>

#include <QStringList>

#include <algorithm>
#include <map>

namespace diesel::widgets {

namespace {

constexpr std::uint32_t kMaxFrame = 64u << 20;
constexpr std::uint32_t kReadWhole = 64u << 10;

struct CodeName
{
    int code;
    const char *name;
};

constexpr CodeName kCodes[] = {
    {0, "RpbErrorResp"},
    {1, "RpbPingReq"},
    {2, "RpbPingResp"},
    {3, "RpbGetClientIdReq"},
    {4, "RpbGetClientIdResp"},
    {5, "RpbSetClientIdReq"},
    {6, "RpbSetClientIdResp"},
    {7, "RpbGetServerInfoReq"},
    {8, "RpbGetServerInfoResp"},
    {9, "RpbGetReq"},
    {10, "RpbGetResp"},
    {11, "RpbPutReq"},
    {12, "RpbPutResp"},
    {13, "RpbDelReq"},
    {14, "RpbDelResp"},
    {15, "RpbListBucketsReq"},
    {16, "RpbListBucketsResp"},
    {17, "RpbListKeysReq"},
    {18, "RpbListKeysResp"},
    {19, "RpbGetBucketReq"},
    {20, "RpbGetBucketResp"},
    {21, "RpbSetBucketReq"},
    {22, "RpbSetBucketResp"},
    {23, "RpbMapRedReq"},
    {24, "RpbMapRedResp"},
    {25, "RpbIndexReq"},
    {26, "RpbIndexResp"},
    {27, "RpbSearchQueryReq"},
    {28, "RpbSearchQueryResp"},
    {29, "RpbResetBucketReq"},
    {30, "RpbResetBucketResp"},
    {31, "RpbGetBucketTypeReq"},
    {32, "RpbSetBucketTypeReq"},
    {33, "RpbGetBucketKeyPreflistReq"},
    {34, "RpbGetBucketKeyPreflistResp"},
    {40, "RpbCSBucketReq"},
    {41, "RpbCSBucketResp"},
    {42, "RpbIndexBodyResp"},
    {50, "RpbCounterUpdateReq"},
    {51, "RpbCounterUpdateResp"},
    {52, "RpbCounterGetReq"},
    {53, "RpbCounterGetResp"},
    {54, "RpbYokozunaIndexGetReq"},
    {55, "RpbYokozunaIndexGetResp"},
    {56, "RpbYokozunaIndexPutReq"},
    {57, "RpbYokozunaIndexDeleteReq"},
    {58, "RpbYokozunaSchemaGetReq"},
    {59, "RpbYokozunaSchemaGetResp"},
    {60, "RpbYokozunaSchemaPutReq"},
    {70, "DtFetchReq"},
    {71, "DtFetchResp"},
    {72, "DtUpdateReq"},
    {73, "DtUpdateResp"},
    {80, "RpbCoverageReq"},
    {81, "RpbCoverageResp"},
    {82, "TsQueryReq"},
    {83, "TsQueryResp"},
    {84, "TsPutReq"},
    {85, "TsPutResp"},
    {86, "TsDelReq"},
    {87, "TsDelResp"},
    {88, "TsGetReq"},
    {89, "TsGetResp"},
    {90, "TsListKeysReq"},
    {91, "TsListKeysResp"},
    {92, "TsCoverageReq"},
    {93, "TsCoverageResp"},
    {253, "RpbAuthReq"},
    {254, "RpbAuthResp"},
    {255, "RpbStartTls"},
};

const char *codeName(int code)
{
    for (const CodeName &c : kCodes)
        if (c.code == code)
            return c.name;
    return nullptr;
}

// The first value of each field of a protobuf message, and how often each occurs; reading stops
// at the first malformed or truncated field (a preview may end mid-message).
struct Fields
{
    std::map<int, QByteArrayView> bytes;
    std::map<int, std::uint64_t> numbers;
    std::map<int, int> counts;

    static Fields read(QByteArrayView b)
    {
        Fields f;
        qsizetype at = 0;
        auto varint = [&](std::uint64_t &v) {
            v = 0;
            for (int shift = 0; shift < 64 && at < b.size(); shift += 7) {
                const auto byte = std::uint8_t(b[at++]);
                v |= std::uint64_t(byte & 0x7f) << shift;
                if (!(byte & 0x80))
                    return true;
            }
            return false;
        };
        while (at < b.size()) {
            std::uint64_t key = 0;
            if (!varint(key))
                break;
            const int field = int(key >> 3);
            std::uint64_t value = 0;
            switch (key & 7) {
            case 0:
                if (!varint(value))
                    return f;
                f.numbers.try_emplace(field, value);
                break;
            case 1:
                at += 8;
                break;
            case 5:
                at += 4;
                break;
            case 2:
                if (!varint(value) || value > std::uint64_t(b.size() - at))
                    return f;
                f.bytes.try_emplace(field, b.sliced(at, qsizetype(value)));
                at += qsizetype(value);
                break;
            default:
                return f;
            }
            ++f.counts[field];
        }
        return f;
    }
    QString text(int field) const
    {
        auto it = bytes.find(field);
        return it == bytes.end() ? QString() : escapedText(it->second, 80);
    }
    bool has(int field) const { return counts.count(field) > 0; }
};

// What a message's fields say, for the messages where a field matters.
QString describe(int code, const Fields &f, bool &partial, bool &error)
{
    switch (code) {
    case 0:
        error = true;
        return f.text(1);
    case 9:
    case 11:
    case 13:
        return f.text(1) + QLatin1Char('/') + f.text(2);
    case 17:
    case 19:
    case 21:
    case 29:
        return f.text(1);
    case 25:
        return f.text(1) + QLatin1Char(' ') + f.text(2);
    case 10:
    case 12:
        return f.has(1) ? QStringLiteral("%1 value(s)").arg(f.counts.at(1))
                        : QStringLiteral("not found");
    case 16:
    case 18:
    case 26: {
        const int done = code == 26 ? 4 : 2;
        partial = !(f.numbers.count(done) && f.numbers.at(done));
        const int n = f.counts.count(1) ? f.counts.at(1) : 0;
        return QStringLiteral("%1 %2%3")
            .arg(n)
            .arg(code == 16 ? QStringLiteral("buckets") : QStringLiteral("keys"))
            .arg(partial ? QString() : QStringLiteral(", done"));
    }
    case 24:
        partial = !(f.numbers.count(3) && f.numbers.at(3));
        return partial ? QString() : QStringLiteral("done");
    default:
        return {};
    }
}

class RiakDecoder final : public BufferedDecoder
{
public:
    RiakDecoder()
        : BufferedDecoder(QStringLiteral("Riak PBC"))
    {}

protected:
    Parsed parse(Side, QByteArrayView bytes) override
    {
        if (bytes.size() < 5)
            return needMore();
        std::uint32_t length = 0;
        for (int i = 0; i < 4; ++i)
            length = (length << 8) | std::uint8_t(bytes[i]);
        const int code = std::uint8_t(bytes[4]);
        if (length == 0 || length > kMaxFrame)
            return invalid(QStringLiteral("a frame of %1 bytes").arg(length));
        const char *name = codeName(code);
        if (!name)
            return invalid(QStringLiteral("unknown message code %1").arg(code));
        // A frame's fields are read from the whole frame, unless it is large: then from its
        // first bytes, and the rest is skipped as it arrives.
        if (qsizetype(length) + 4 > bytes.size() && length <= kReadWhole)
            return needMore();
        const QByteArrayView body =
            bytes.sliced(5).first(std::min<qsizetype>(bytes.size() - 5, qsizetype(length - 1)));
        DecodedMessage m;
        const QString n = QString::fromLatin1(name);
        m.role = n.endsWith(QLatin1String("Req")) ? MessageRole::Request : MessageRole::Response;
        const QString what = describe(code, Fields::read(body), m.partial, m.error);
        m.summary = what.isEmpty() ? n : n + QLatin1Char(' ') + what;
        m.detail = QStringLiteral("code %1 (%2), %3 bytes of protobuf\n\n%4")
                       .arg(code)
                       .arg(n)
                       .arg(length - 1)
                       .arg(hexText(body, 256));
        return message(qint64(length) + 4, std::move(m));
    }
};

int sniff(Side, QByteArrayView first)
{
    if (first.size() < 5 || first[0] != 0)
        return 0;
    const std::uint32_t length = (std::uint32_t(std::uint8_t(first[1])) << 16) |
                                 (std::uint32_t(std::uint8_t(first[2])) << 8) |
                                 std::uint8_t(first[3]);
    return length > 0 && length < (1u << 20) && codeName(std::uint8_t(first[4])) ? 1 : 0;
}

} // namespace

DecoderFactory riakDecoderFactory()
{
    return DecoderFactory{QStringLiteral("riak"), QStringLiteral("Riak PBC"), {8087}, sniff, [] {
                              return std::make_unique<RiakDecoder>();
                          }};
}

} // namespace diesel::widgets
