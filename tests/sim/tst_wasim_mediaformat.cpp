// Meta's media rules: which types and sizes each kind takes, and how a send request's media object is
// checked.

#include "sim/controlformat.h"
#include "sim/mediaformat.h"

#include <QJsonDocument>
#include <QTest>

using namespace handover::sim;

namespace {

QByteArray mediaSend(const char *type, const char *object)
{
    return QByteArrayLiteral(R"({"messaging_product":"whatsapp","to":"919999990001","type":")") + type +
           QByteArrayLiteral(R"(",")") + type + QByteArrayLiteral(R"(":)") + object + '}';
}

} // namespace

class TestWaSimMediaFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uploadsAreFiledByType_data();
    void uploadsAreFiledByType();
    void sizeLimitsAreMetas();
    void kindsTakeTheirTypes();
    void mediaSendsAreRead();
    void mediaSendsAreRefused_data();
    void mediaSendsAreRefused();
    void templateHeaderMediaIsRecorded();
    void recordedMediaShowsItsFields();
};

void TestWaSimMediaFormat::uploadsAreFiledByType_data()
{
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<QString>("kind");
    QTest::newRow("JPEG is an image") << QStringLiteral("image/jpeg") << QStringLiteral("image");
    QTest::newRow("PNG in capitals is an image") << QStringLiteral("IMAGE/PNG") << QStringLiteral("image");
    QTest::newRow("WebP is a sticker") << QStringLiteral("image/webp") << QStringLiteral("sticker");
    QTest::newRow("Opus in Ogg with its codec is audio")
        << QStringLiteral("audio/ogg; codecs=opus") << QStringLiteral("audio");
    QTest::newRow("MP4 is video") << QStringLiteral("video/mp4") << QStringLiteral("video");
    QTest::newRow("3GPP is video") << QStringLiteral("video/3gpp") << QStringLiteral("video");
    QTest::newRow("PDF is a document") << QStringLiteral("application/pdf") << QStringLiteral("document");
    QTest::newRow("A Word file is a document")
        << QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        << QStringLiteral("document");
    QTest::newRow("GIF is not taken") << QStringLiteral("image/gif") << QString();
    QTest::newRow("ZIP is not taken") << QStringLiteral("application/zip") << QString();
    QTest::newRow("Nothing is not taken") << QString() << QString();
}

void TestWaSimMediaFormat::uploadsAreFiledByType()
{
    QFETCH(QString, mimeType);
    QFETCH(QString, kind);
    QCOMPARE(uploadKindOf(mimeType), kind);
}

void TestWaSimMediaFormat::sizeLimitsAreMetas()
{
    QCOMPARE(maxMediaBytes(QStringLiteral("image")), 5 * 1024 * 1024);
    QCOMPARE(maxMediaBytes(QStringLiteral("audio")), 16 * 1024 * 1024);
    QCOMPARE(maxMediaBytes(QStringLiteral("video")), 16 * 1024 * 1024);
    QCOMPARE(maxMediaBytes(QStringLiteral("document")), 100 * 1024 * 1024);
    QCOMPARE(maxMediaBytes(QStringLiteral("sticker")), 500 * 1024);
    QCOMPARE(maxMediaBytes(QStringLiteral("text")), 0);
}

void TestWaSimMediaFormat::kindsTakeTheirTypes()
{
    QVERIFY(kindTakesMimeType(QStringLiteral("image"), QStringLiteral("image/png")));
    QVERIFY(!kindTakesMimeType(QStringLiteral("image"), QStringLiteral("image/webp")));
    QVERIFY(!kindTakesMimeType(QStringLiteral("image"), QStringLiteral("application/pdf")));
    QVERIFY(kindTakesMimeType(QStringLiteral("sticker"), QStringLiteral("image/webp")));
    QVERIFY(kindTakesMimeType(QStringLiteral("audio"), QStringLiteral("audio/mpeg")));
    QVERIFY(!kindTakesMimeType(QStringLiteral("audio"), QStringLiteral("video/mp4")));
    QVERIFY(kindTakesMimeType(QStringLiteral("document"), QStringLiteral("application/pdf")));
    QVERIFY(kindTakesMimeType(QStringLiteral("document"), QStringLiteral("image/jpeg")));
    QVERIFY(!kindTakesMimeType(QStringLiteral("document"), QStringLiteral("application/zip")));
    QVERIFY(!kindTakesMimeType(QStringLiteral("location"), QStringLiteral("image/jpeg")));
}

void TestWaSimMediaFormat::mediaSendsAreRead()
{
    const SendRequestCheck byId = parseSendRequest(mediaSend("image", R"({"id":"1003","caption":"Here"})"));
    QVERIFY(byId.ok());
    QCOMPARE(byId.message.type, QStringLiteral("image"));
    QCOMPARE(byId.message.media->id, QStringLiteral("1003"));
    QCOMPARE(byId.message.media->caption, QStringLiteral("Here"));
    QVERIFY(byId.message.media->link.isEmpty());

    const SendRequestCheck byLink =
        parseSendRequest(mediaSend("document", R"({"link":"https://example.com/a.pdf","filename":"a.pdf"})"));
    QVERIFY(byLink.ok());
    QCOMPARE(byLink.message.media->link, QStringLiteral("https://example.com/a.pdf"));
    QCOMPARE(byLink.message.media->filename, QStringLiteral("a.pdf"));

    QVERIFY(parseSendRequest(mediaSend("audio", R"({"id":"1004"})")).ok());
    QVERIFY(parseSendRequest(mediaSend("sticker", R"({"id":"1005"})")).ok());
    QVERIFY(parseSendRequest(mediaSend("video", R"({"id":"1006","caption":""})")).ok());
}

void TestWaSimMediaFormat::mediaSendsAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    const QByteArray longCaption = R"({"id":"1","caption":")" + QByteArray(1025, 'c') + R"("})";
    QTest::newRow("A media type without its object")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"image"})")
        << QStringLiteral("image");
    QTest::newRow("Neither id nor link")
        << mediaSend("image", R"({"caption":"x"})") << QStringLiteral("image['id'] or image['link']");
    QTest::newRow("Both id and link")
        << mediaSend("image", R"({"id":"1","link":"https://example.com/a.jpg"})")
        << QStringLiteral("not both");
    QTest::newRow("An id that is a number")
        << mediaSend("video", R"({"id":1003})") << QStringLiteral("video['id']");
    QTest::newRow("A link that is not http")
        << mediaSend("image", R"({"link":"ftp://example.com/a.jpg"})") << QStringLiteral("http(s) URL");
    QTest::newRow("A caption on audio")
        << mediaSend("audio", R"({"id":"1","caption":"x"})") << QStringLiteral("no caption");
    QTest::newRow("A caption on a sticker")
        << mediaSend("sticker", R"({"id":"1","caption":"x"})") << QStringLiteral("no caption");
    QTest::newRow("A caption of 1025 characters")
        << mediaSend("image", longCaption.constData()) << QStringLiteral("at most 1024");
    QTest::newRow("A filename on an image")
        << mediaSend("image", R"({"id":"1","filename":"a.jpg"})") << QStringLiteral("documents do");
}

void TestWaSimMediaFormat::mediaSendsAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const SendRequestCheck check = parseSendRequest(body);
    QVERIFY(!check.ok());
    QCOMPARE(check.error->code, 100);
    QCOMPARE(check.error->httpStatus, 400);
    QVERIFY2(QString(check.error->message + check.error->details).contains(detail),
             qPrintable(check.error->message + QLatin1Char(' ') + check.error->details));
}

void TestWaSimMediaFormat::templateHeaderMediaIsRecorded()
{
    const SendRequestCheck check = parseSendRequest(QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template","template":{"name":"receipt",
        "language":{"code":"en"},"components":[{"type":"header","parameters":[{"type":"document",
        "document":{"id":"1007"}}]},{"type":"body","parameters":[{"type":"text","parameter_name":"first_name",
        "text":"Asha"}]}]}})"));
    QVERIFY2(check.ok(), check.ok() ? "" : qPrintable(check.error->details));
    QVERIFY(check.message.headerMedia);
    QCOMPARE(check.message.headerMedia->kind, QStringLiteral("document"));
    QCOMPARE(check.message.headerMedia->id, QStringLiteral("1007"));
    QCOMPARE(check.message.bodyParameters, QStringList{QStringLiteral("Asha")});
    QCOMPARE(check.message.bodyParameterNames, QStringList{QStringLiteral("first_name")});

    const SendRequestCheck neither = parseSendRequest(QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template","template":{"name":"receipt",
        "language":{"code":"en"},"components":[{"type":"header","parameters":[{"type":"image","image":{}}]}]}})"));
    QVERIFY(!neither.ok());
}

void TestWaSimMediaFormat::recordedMediaShowsItsFields()
{
    OutboundMedia media;
    media.kind = QStringLiteral("document");
    media.id = QStringLiteral("1003");
    media.caption = QStringLiteral("Your receipt");
    media.filename = QStringLiteral("receipt.pdf");
    media.mimeType = QStringLiteral("application/pdf");
    media.sha256 = QByteArray::fromHex("00ff");
    media.fileSize = 2;
    const QJsonObject json = outboundMediaJson(media);
    QCOMPARE(json, (QJsonObject{{QStringLiteral("type"), QStringLiteral("document")},
                                {QStringLiteral("id"), QStringLiteral("1003")},
                                {QStringLiteral("caption"), QStringLiteral("Your receipt")},
                                {QStringLiteral("filename"), QStringLiteral("receipt.pdf")},
                                {QStringLiteral("mime_type"), QStringLiteral("application/pdf")},
                                {QStringLiteral("sha256"), QStringLiteral("00ff")},
                                {QStringLiteral("file_size"), 2}}));
}

QTEST_GUILESS_MAIN(TestWaSimMediaFormat)
#include "tst_wasim_mediaformat.moc"
