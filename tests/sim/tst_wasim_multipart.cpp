// multipart/form-data as Meta's media upload takes it, including what a hostile or broken client sends.

#include "sim/multipart.h"

#include <QTest>

using namespace handover;
using namespace handover::sim;

namespace {

const QByteArray kType = QByteArrayLiteral("multipart/form-data; boundary=XyZ-42");

// A well-formed upload: messaging_product, type and a file, as curl -F writes them.
QByteArray uploadBody(const QByteArray &fileBytes)
{
    return QByteArrayLiteral("--XyZ-42\r\n"
                             "Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                             "whatsapp\r\n"
                             "--XyZ-42\r\n"
                             "Content-Disposition: form-data; name=\"type\"\r\n\r\n"
                             "image/jpeg\r\n"
                             "--XyZ-42\r\n"
                             "Content-Disposition: form-data; name=\"file\"; filename=\"scratch.jpg\"\r\n"
                             "Content-Type: image/jpeg\r\n\r\n") +
           fileBytes + QByteArrayLiteral("\r\n--XyZ-42--\r\n");
}

} // namespace

class TestWaSimMultipart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uploadIsSplitIntoItsParts();
    void fileBytesAreKeptExactly();
    void boundaryIsReadFromTheContentType_data();
    void boundaryIsReadFromTheContentType();
    void preambleAndEpilogueAreIgnored();
    void filenameMayBeQuotedOrExtended();
    void hostileBodiesAreRefused_data();
    void hostileBodiesAreRefused();
    void oversizeBodyIsRefusedBeforeParsing();
    void partsBeyondTheLimitAreRefused();
    void longPartHeadersAreRefused();
};

void TestWaSimMultipart::uploadIsSplitIntoItsParts()
{
    const auto parts = parseMultipartFormData(kType, uploadBody("JPEGDATA"));
    QVERIFY2(parts.ok(), qPrintable(parts.ok() ? QString() : parts.error().description));
    QCOMPARE(parts->size(), 3);
    QCOMPARE(parts->at(0).name, QStringLiteral("messaging_product"));
    QCOMPARE(parts->at(0).data, QByteArray("whatsapp"));
    QVERIFY(!parts->at(0).hasFilename);
    QCOMPARE(parts->at(1).data, QByteArray("image/jpeg"));
    const FormPart *file = findFormPart(*parts, QStringLiteral("file"));
    QVERIFY(file);
    QVERIFY(file->hasFilename);
    QCOMPARE(file->filename, QStringLiteral("scratch.jpg"));
    QCOMPARE(file->contentType, QByteArray("image/jpeg"));
    QCOMPARE(file->data, QByteArray("JPEGDATA"));
    QVERIFY(!findFormPart(*parts, QStringLiteral("nothing")));
}

void TestWaSimMultipart::fileBytesAreKeptExactly()
{
    // Binary data with CR, LF, NUL and a near-boundary ("--XyZ-4" without the last character).
    static const char nearBoundary[] = "\r\n\0\xff\xd8--XyZ-4\r\n--XyZ\r";
    QByteArray bytes(nearBoundary, sizeof(nearBoundary) - 1);
    for (int i = 0; i < 256; ++i)
        bytes.append(static_cast<char>(i));
    const auto parts = parseMultipartFormData(kType, uploadBody(bytes));
    QVERIFY(parts.ok());
    QCOMPARE(findFormPart(*parts, QStringLiteral("file"))->data, bytes);

    const auto empty = parseMultipartFormData(kType, uploadBody(QByteArray()));
    QVERIFY(empty.ok());
    QCOMPARE(findFormPart(*empty, QStringLiteral("file"))->data, QByteArray());
}

void TestWaSimMultipart::boundaryIsReadFromTheContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("boundary");
    QTest::newRow("a plain boundary") << QByteArray("multipart/form-data; boundary=abc") << QByteArray("abc");
    QTest::newRow("a quoted boundary with a space and a semicolon")
        << QByteArray("multipart/form-data; boundary=\"a b;c\"") << QByteArray("a b;c");
    QTest::newRow("the type in capitals and the boundary not first")
        << QByteArray("Multipart/Form-Data; charset=utf-8; BOUNDARY=q") << QByteArray("q");
    QTest::newRow("no boundary") << QByteArray("multipart/form-data") << QByteArray();
    QTest::newRow("an empty boundary") << QByteArray("multipart/form-data; boundary=") << QByteArray();
    QTest::newRow("a boundary of 71 characters")
        << (QByteArray("multipart/form-data; boundary=") + QByteArray(71, 'b')) << QByteArray();
    QTest::newRow("a boundary of 70 characters")
        << (QByteArray("multipart/form-data; boundary=") + QByteArray(70, 'b')) << QByteArray(70, 'b');
    QTest::newRow("an unterminated quote")
        << QByteArray("multipart/form-data; boundary=\"abc") << QByteArray();
    QTest::newRow("a control character")
        << QByteArray("multipart/form-data; boundary=a\x01z") << QByteArray();
    QTest::newRow("another multipart type") << QByteArray("multipart/mixed; boundary=abc") << QByteArray();
    QTest::newRow("JSON") << QByteArray("application/json") << QByteArray();
}

void TestWaSimMultipart::boundaryIsReadFromTheContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, boundary);
    QCOMPARE(multipartBoundary(contentType), boundary);
}

void TestWaSimMultipart::preambleAndEpilogueAreIgnored()
{
    const QByteArray body = "This is a preamble.\r\n" + uploadBody("X") + "an epilogue\r\n";
    const auto parts = parseMultipartFormData(kType, body);
    QVERIFY(parts.ok());
    QCOMPARE(parts->size(), 3);
    QCOMPARE(parts->last().data, QByteArray("X"));
}

void TestWaSimMultipart::filenameMayBeQuotedOrExtended()
{
    const QByteArray body =
        "--b\r\n"
        "content-disposition: form-data; name=file; filename=\"a \\\"quoted\\\" name.pdf\"\r\n"
        "\r\n1\r\n"
        "--b\r\n"
        "Content-Disposition: form-data; name=\"doc\"; filename=\"fallback.pdf\"; "
        "filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf\r\n"
        "\r\n2\r\n"
        "--b--";
    const auto parts = parseMultipartFormData("multipart/form-data; boundary=b", body);
    QVERIFY(parts.ok());
    QCOMPARE(parts->at(0).filename, QStringLiteral("a \"quoted\" name.pdf"));
    QCOMPARE(parts->at(1).filename, QString::fromUtf8("Rechnung M\xc3\xa4rz.pdf"));
    QCOMPARE(parts->at(1).data, QByteArray("2"));
}

void TestWaSimMultipart::hostileBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    const QByteArray whole = uploadBody("JPEGDATA");
    QTest::newRow("a Content-Type without boundary") << QByteArray("multipart/form-data") << whole;
    QTest::newRow("a boundary the body never uses")
        << QByteArray("multipart/form-data; boundary=other") << whole;
    QTest::newRow("an empty body") << kType << QByteArray();
    QTest::newRow("truncated in the file's bytes") << kType << whole.left(whole.indexOf("JPEGDATA") + 4);
    QTest::newRow("truncated in a part's headers") << kType << whole.left(whole.indexOf("filename") + 3);
    QTest::newRow("truncated right after a boundary") << kType << QByteArray("--XyZ-42");
    QTest::newRow("the closing boundary missing") << kType << whole.left(whole.size() - 4);
    QTest::newRow("a boundary followed by text") << kType << QByteArray("--XyZ-42garbage\r\n\r\n--XyZ-42--");
    QTest::newRow("line feeds without carriage returns")
        << kType << QByteArray("--XyZ-42\nContent-Disposition: form-data; name=\"a\"\n\nx\n--XyZ-42--\n");
    QTest::newRow("a part without headers") << kType << QByteArray("--XyZ-42\r\n\r\nx\r\n--XyZ-42--");
    QTest::newRow("a part without a name")
        << kType << QByteArray("--XyZ-42\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ-42--");
    QTest::newRow("a part that is not form-data")
        << kType
        << QByteArray("--XyZ-42\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ-42--");
    QTest::newRow("a header line without a name")
        << kType
        << QByteArray("--XyZ-42\r\n: x\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ-42--");
    QTest::newRow("an unterminated quoted name")
        << kType << QByteArray("--XyZ-42\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ-42--");
}

void TestWaSimMultipart::hostileBodiesAreRefused()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    const auto parts = parseMultipartFormData(contentType, body);
    QVERIFY(!parts.ok());
    QCOMPARE(parts.code(), ErrorCode::BadRequest);
    QVERIFY(
        parts.error().description.startsWith(QStringLiteral("The multipart/form-data body is malformed")));
}

void TestWaSimMultipart::oversizeBodyIsRefusedBeforeParsing()
{
    MultipartLimits limits;
    limits.maxBodyBytes = 100;
    const QByteArray body = uploadBody(QByteArray(200, 'j'));
    const auto parts = parseMultipartFormData(kType, body, limits);
    QVERIFY(!parts.ok());
    QCOMPARE(parts.code(), ErrorCode::PayloadTooLarge);
    limits.maxBodyBytes = body.size();
    QVERIFY(parseMultipartFormData(kType, body, limits).ok());
}

void TestWaSimMultipart::partsBeyondTheLimitAreRefused()
{
    QByteArray body;
    for (int i = 0; i < 17; ++i)
        body += "--b\r\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i) + "\"\r\n\r\nv\r\n";
    body += "--b--\r\n";
    const auto parts = parseMultipartFormData("multipart/form-data; boundary=b", body);
    QVERIFY(!parts.ok());
    QVERIFY(parts.error().description.contains(QStringLiteral("16 parts")));
    MultipartLimits limits;
    limits.maxParts = 17;
    QCOMPARE(parseMultipartFormData("multipart/form-data; boundary=b", body, limits)->size(), 17);
}

void TestWaSimMultipart::longPartHeadersAreRefused()
{
    const QByteArray body =
        "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + QByteArray(9000, 'p') +
        "\r\n\r\nv\r\n--b--";
    const auto parts = parseMultipartFormData("multipart/form-data; boundary=b", body);
    QVERIFY(!parts.ok());
    QVERIFY(parts.error().description.contains(QStringLiteral("headers are longer")));
}

QTEST_GUILESS_MAIN(TestWaSimMultipart)
#include "tst_wasim_multipart.moc"
