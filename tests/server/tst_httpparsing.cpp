#include "server/http/httpbodyreader.h"
#include "server/http/httphead.h"
#include "server/http/requesttarget.h"

#include <QtTest>

using namespace handover;

namespace {

// Feeds `bytes` to a head or body reader in pieces of `piece` bytes (0: all at once), as long as it reads on;
// returns what it consumed.
template <typename Reader> qsizetype feedInPieces(Reader &reader, const QByteArray &bytes, int piece)
{
    qsizetype consumed = 0;
    while (consumed < bytes.size() && reader.state() == Reader::State::NeedMore) {
        const qsizetype size =
            piece > 0 ? std::min<qsizetype>(piece, bytes.size() - consumed) : bytes.size() - consumed;
        const qsizetype used = reader.feed(QByteArrayView(bytes).sliced(consumed, size));
        consumed += used;
        if (used < size)
            break;
    }
    return consumed;
}

} // namespace

// The transport's readers: request heads, bodies and targets, fed in every segmentation.
class TestHttpParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headsAreReadWhateverTheSegmentation_data();
    void headsAreReadWhateverTheSegmentation();
    void malformedHeadsAreRefused_data();
    void malformedHeadsAreRefused();
    void aHeadOverTheLimitIsRefusedAtTheLimitsByte_data();
    void aHeadOverTheLimitIsRefusedAtTheLimitsByte();
    void theReaderNeverHoldsMoreThanTheLimit();
    void garbageIsRefusedAtItsFirstByte();
    void chunkedBodiesAreDecodedWhateverTheSegmentation_data();
    void chunkedBodiesAreDecodedWhateverTheSegmentation();
    void chunkedBodiesOverTheLimitAreRefusedBeforeTheirData();
    void malformedChunkedBodiesAreRefused_data();
    void malformedChunkedBodiesAreRefused();
    void fixedBodiesStopAtTheirLength();
    void targetsHaveOneCanonicalForm_data();
    void targetsHaveOneCanonicalForm();
    void queriesAreFormDecodedAndUnambiguous_data();
    void queriesAreFormDecodedAndUnambiguous();
};

void TestHttpParsing::headsAreReadWhateverTheSegmentation_data()
{
    QTest::addColumn<int>("piece");
    for (int piece : {0, 1, 2, 3, 7, 64})
        QTest::newRow(qPrintable(QStringLiteral("pieces of %1 bytes").arg(piece))) << piece;
}

void TestHttpParsing::headsAreReadWhateverTheSegmentation()
{
    QFETCH(int, piece);
    const QByteArray head = "\r\nPOST /v1/things?x=1 HTTP/1.1\r\nHost: example\r\nContent-Length: 5\r\n"
                            "X-Empty:\r\nConnection: keep-alive\r\n\r\n";
    const QByteArray bytes = head + "hello";
    HttpHeadReader reader;
    const qsizetype consumed = feedInPieces(reader, bytes, piece);
    QCOMPARE(reader.state(), HttpHeadReader::State::Done);
    QCOMPARE(consumed, head.size()); // the body is left to the caller
    QCOMPARE(reader.head().method, HttpMethod::Post);
    QCOMPARE(reader.head().target, QByteArray("/v1/things?x=1"));
    QCOMPARE(reader.head().contentLength, 5);
    QVERIFY(reader.head().keepAlive);
    QCOMPARE(reader.head().value("host"), QByteArray("example"));
    QCOMPARE(reader.head().value("x-empty"), QByteArray(""));
}

void TestHttpParsing::malformedHeadsAreRefused_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    const auto row = [](const char *name, const QByteArray &head, int status) {
        QTest::newRow(name) << head << status;
    };
    row("HTTP/1.1 without Host is 400", "GET / HTTP/1.1\r\n\r\n", 400);
    row("two Host headers are 400", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    row("HTTP/2.0 is 400", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 400);
    row("a space before the colon is 400", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);
    row("a folded header line is 400", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", 400);
    row("a control character in a value is 400", "GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n", 400);
    row("a bare CR is 400", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400);
    row("Content-Length with a sign is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400);
    row("Content-Length as a list is 400", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", 400);
    row("two different Content-Lengths are 400",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400);
    row("Content-Length beside chunked is 400 (smuggling)",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
    row("a transfer coding other than chunked is 400",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 400);
    row("a 19-digit Content-Length is 400",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1234567890123456789\r\n\r\n", 400);
    row("a space inside the target is 400", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    row("101 header fields are 431",
        "GET / HTTP/1.1\r\nHost: a\r\n" + QByteArray("X-A: b\r\n").repeated(100) + "\r\n", 431);
}

void TestHttpParsing::malformedHeadsAreRefused()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    for (int piece : {0, 1}) {
        HttpHeadReader reader;
        feedInPieces(reader, head, piece);
        QCOMPARE(reader.state(), HttpHeadReader::State::Refused);
        QCOMPARE(reader.refusal().status, status);
        QCOMPARE(reader.refusal().errorCode / 10000, status);
    }
}

void TestHttpParsing::aHeadOverTheLimitIsRefusedAtTheLimitsByte_data()
{
    QTest::addColumn<int>("piece");
    for (int piece : {0, 1, 1000, 65536, 70000})
        QTest::newRow(qPrintable(QStringLiteral("pieces of %1 bytes").arg(piece))) << piece;
}

void TestHttpParsing::aHeadOverTheLimitIsRefusedAtTheLimitsByte()
{
    QFETCH(int, piece);
    HttpHeadLimits limits;
    const QByteArray start = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: ";
    const QByteArray bytes = start + QByteArray(200 * 1024, 'x');
    HttpHeadReader reader(limits);
    const qsizetype consumed = feedInPieces(reader, bytes, piece);
    QCOMPARE(reader.state(), HttpHeadReader::State::Refused);
    QCOMPARE(reader.refusal().status, 431);
    QVERIFY2(consumed <= limits.maxHeadBytes + 1, qPrintable(QString::number(consumed)));

    // A request line longer than its own limit is 414, at that limit.
    HttpHeadReader lineReader(limits);
    const qsizetype lineConsumed = feedInPieces(lineReader, "GET /" + QByteArray(20000, 'a'), piece);
    QCOMPARE(lineReader.state(), HttpHeadReader::State::Refused);
    QCOMPARE(lineReader.refusal().status, 414);
    QVERIFY(lineConsumed <= limits.maxHeadBytes + 1);

    // Also when the line's end comes in the same piece: refused there, not once the head is complete.
    HttpHeadReader endedLine(limits);
    feedInPieces(endedLine,
                 "GET /" + QByteArray(limits.maxRequestLineBytes, 'a') + " HTTP/1.1\r\nHost: a\r\n", piece);
    QCOMPARE(endedLine.state(), HttpHeadReader::State::Refused);
    QCOMPARE(endedLine.refusal().status, 414);

    // A line of exactly the limit, its CR not counted, is read on.
    const QByteArray requestLine = "GET /" + QByteArray(limits.maxRequestLineBytes - 14, 'a') + " HTTP/1.1";
    QCOMPARE(requestLine.size(), limits.maxRequestLineBytes);
    HttpHeadReader atLine(limits);
    feedInPieces(atLine, requestLine + "\r\nHost: a\r\n\r\n", piece);
    QCOMPARE(atLine.state(), HttpHeadReader::State::Done);
}

void TestHttpParsing::theReaderNeverHoldsMoreThanTheLimit()
{
    // Exactly at the limit is still a head; one byte more is not.
    HttpHeadLimits limits;
    const QByteArray start = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: ";
    const qsizetype fill = limits.maxHeadBytes - start.size() - 4;
    HttpHeadReader atLimit(limits);
    feedInPieces(atLimit, start + QByteArray(fill, 'x') + "\r\n\r\n", 4096);
    QCOMPARE(atLimit.state(), HttpHeadReader::State::Done);
    HttpHeadReader overLimit(limits);
    feedInPieces(overLimit, start + QByteArray(fill + 1, 'x') + "\r\n\r\n", 4096);
    QCOMPARE(overLimit.state(), HttpHeadReader::State::Refused);
}

void TestHttpParsing::garbageIsRefusedAtItsFirstByte()
{
    HttpHeadReader reader;
    const QByteArray tlsHello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    QCOMPARE(reader.feed(tlsHello), 1);
    QCOMPARE(reader.state(), HttpHeadReader::State::Refused);
    QCOMPARE(reader.refusal().status, 400);
}

void TestHttpParsing::chunkedBodiesAreDecodedWhateverTheSegmentation_data()
{
    QTest::addColumn<int>("piece");
    for (int piece : {0, 1, 2, 5, 13})
        QTest::newRow(qPrintable(QStringLiteral("pieces of %1 bytes").arg(piece))) << piece;
}

void TestHttpParsing::chunkedBodiesAreDecodedWhateverTheSegmentation()
{
    QFETCH(int, piece);
    const QByteArray body = "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n";
    HttpBodyReader reader;
    reader.startChunked({});
    const qsizetype consumed = feedInPieces(reader, body + "GET / HTTP/1.1\r\n", piece);
    QCOMPARE(reader.state(), HttpBodyReader::State::Done);
    QCOMPARE(consumed, body.size()); // the next request is left alone
    QCOMPARE(reader.takeBody(), QByteArray("hello 0123456789"));
}

void TestHttpParsing::chunkedBodiesOverTheLimitAreRefusedBeforeTheirData()
{
    HttpBodyReader::Limits limits;
    limits.maxBodyBytes = 1024;
    HttpBodyReader reader;
    reader.startChunked(limits);
    // Two chunks that together pass the limit: the second is refused at its size line, no data read.
    const QByteArray first = "200\r\n" + QByteArray(0x200, 'a') + "\r\n";
    const QByteArray secondLine = "201\r\n";
    const qsizetype consumed = feedInPieces(reader, first + secondLine + QByteArray(0x201, 'b'), 0);
    QCOMPARE(reader.state(), HttpBodyReader::State::Refused);
    QCOMPARE(reader.refusal().status, 413);
    QCOMPARE(consumed, first.size() + secondLine.size());

    HttpBodyReader huge;
    huge.startChunked(limits);
    feedInPieces(huge, "FFFFFFFFFFFFFFF\r\n", 1);
    QCOMPARE(huge.state(), HttpBodyReader::State::Refused);
    QCOMPARE(huge.refusal().status, 413);
}

void TestHttpParsing::malformedChunkedBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("a size that is not hex") << QByteArray("zz\r\n");
    QTest::newRow("a size with 16 digits") << QByteArray("0000000000000001\r\nx\r\n0\r\n\r\n");
    QTest::newRow("data longer than its size") << QByteArray("2\r\nabc\r\n0\r\n\r\n");
    QTest::newRow("a size line without end") << QByteArray("1;") + QByteArray(5000, 'x');
    QTest::newRow("an endless trailer") << QByteArray("0\r\n") + QByteArray("X: y\r\n").repeated(2000);
}

void TestHttpParsing::malformedChunkedBodiesAreRefused()
{
    QFETCH(QByteArray, body);
    for (int piece : {0, 1}) {
        HttpBodyReader reader;
        reader.startChunked({});
        feedInPieces(reader, body, piece);
        QCOMPARE(reader.state(), HttpBodyReader::State::Refused);
        QCOMPARE(reader.refusal().status, 400);
    }
}

void TestHttpParsing::fixedBodiesStopAtTheirLength()
{
    HttpBodyReader reader;
    reader.startFixed(5, {});
    QCOMPARE(feedInPieces(reader, "hel", 0), 3);
    QCOMPARE(feedInPieces(reader, "loGET", 0), 2);
    QCOMPARE(reader.state(), HttpBodyReader::State::Done);
    QCOMPARE(reader.takeBody(), QByteArray("hello"));
}

void TestHttpParsing::targetsHaveOneCanonicalForm_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("path"); // empty: not found
    QTest::newRow("/metrics is itself") << QByteArray("/metrics") << QStringLiteral("/metrics");
    QTest::newRow("/metrics/ is no resource") << QByteArray("/metrics/") << QString();
    QTest::newRow("/metrics// is no resource") << QByteArray("/metrics//") << QString();
    QTest::newRow("//metrics is no resource") << QByteArray("//metrics") << QString();
    QTest::newRow("/metrics%2f is no resource") << QByteArray("/metrics%2f") << QString();
    QTest::newRow("/metrics%2F is no resource") << QByteArray("/metrics%2F") << QString();
    QTest::newRow("/./metrics is no resource") << QByteArray("/./metrics") << QString();
    QTest::newRow("/x/../metrics is no resource") << QByteArray("/x/../metrics") << QString();
    QTest::newRow("/%2e%2e/metrics is no resource") << QByteArray("/%2e%2e/metrics") << QString();
    QTest::newRow("/metrics%00 is no resource") << QByteArray("/metrics%00") << QString();
    QTest::newRow("a malformed escape is no resource") << QByteArray("/metrics%zz") << QString();
    QTest::newRow("escaped letters decode") << QByteArray("/metr%69cs") << QStringLiteral("/metrics");
    QTest::newRow("the absolute form names its path")
        << QByteArray("http://example/metrics?x=1") << QStringLiteral("/metrics");
    QTest::newRow("the root") << QByteArray("/") << QStringLiteral("/");
}

void TestHttpParsing::targetsHaveOneCanonicalForm()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, path);
    const auto parsed = parseRequestTarget(target);
    if (path.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::NotFound);
    } else {
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().description));
        QCOMPARE(parsed->path, path);
    }
}

void TestHttpParsing::queriesAreFormDecodedAndUnambiguous_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value"); // "!": refused
    QTest::newRow("%2B is a plus, as a verify token from openssl rand -base64 needs")
        << QByteArray("hub.verify_token=a%2Bb%2Fc%3D") << QStringLiteral("hub.verify_token")
        << QStringLiteral("a+b/c=");
    QTest::newRow("+ is a space") << QByteArray("q=a+b") << QStringLiteral("q") << QStringLiteral("a b");
    QTest::newRow("UTF-8 escapes decode")
        << QByteArray("q=%C3%BC") << QStringLiteral("q") << QStringLiteral("ü");
    QTest::newRow("a name given twice is refused")
        << QByteArray("bump=true&bump=false") << QStringLiteral("bump") << QStringLiteral("!");
    QTest::newRow("a malformed escape is refused")
        << QByteArray("q=%G1") << QStringLiteral("q") << QStringLiteral("!");
    QTest::newRow("escaped bytes that are not UTF-8 are refused")
        << QByteArray("q=%FF") << QStringLiteral("q") << QStringLiteral("!");
}

void TestHttpParsing::queriesAreFormDecodedAndUnambiguous()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, name);
    QFETCH(QString, value);
    const auto parsed = QueryParams::parse(query);
    if (value == QLatin1String("!")) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
        return;
    }
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->value(name), value);
}

QTEST_GUILESS_MAIN(TestHttpParsing)
#include "tst_httpparsing.moc"
