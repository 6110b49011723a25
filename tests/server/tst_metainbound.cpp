#include "server/whatsapp/metainbound.h"
#include "server/whatsapp/metarichinbound.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace handover;
using namespace Qt::StringLiterals;

// Meta's webhook "messages" payloads of each kind, reduced to what the server reads from them. The shapes
// follow the examples of Meta's "Webhooks: messages" reference
// (developers.facebook.com/docs/whatsapp/cloud-api/ webhooks/payload-examples); full samples with their
// sources are in tests/data/meta.
class TestMetaInbound : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachKindIsReadWithItsFields_data();
    void eachKindIsReadWithItsFields();
    void aReactionNamesTheMessageItReactsTo();
    void playedIsReadAsRead();
    void sha256IsReadInBase64AndHex();
};

namespace {

QByteArray envelope(const QJsonObject &message)
{
    const QJsonObject value{
        {u"messaging_product"_s, u"whatsapp"_s},
        {u"metadata"_s, QJsonObject{{u"display_phone_number"_s, u"15550783881"_s},
                                    {u"phone_number_id"_s, u"106540352242922"_s}}},
        {u"contacts"_s, QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, u"Sheena Nelson"_s}}},
                                               {u"wa_id"_s, u"16505551234"_s}}}},
        {u"messages"_s, QJsonArray{message}}};
    const QJsonObject body{
        {u"object"_s, u"whatsapp_business_account"_s},
        {u"entry"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, u"102290129340398"_s},
             {u"changes"_s, QJsonArray{QJsonObject{{u"value"_s, value}, {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QJsonObject customerMessage(const QString &type, const QJsonValue &part)
{
    return QJsonObject{{u"from"_s, u"16505551234"_s},
                       {u"id"_s, u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="_s},
                       {u"timestamp"_s, u"1749854575"_s},
                       {u"type"_s, type},
                       {type, part}};
}

const QString kSha256Base64 = u"Jb3wPA0OJr+dOsRsrcHpSuqXuodQ1TSJzrSrB6vXFSA="_s;

} // namespace

void TestMetaInbound::eachKindIsReadWithItsFields_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("detail"); // media mime type, location name, contact name, list reply id

    QTest::newRow("an image with its caption")
        << customerMessage(u"image"_s, QJsonObject{{u"caption"_s, u"The box arrived like this"_s},
                                                   {u"mime_type"_s, u"image/jpeg"_s},
                                                   {u"sha256"_s, kSha256Base64},
                                                   {u"id"_s, u"1003383421387256"_s}})
        << u"image"_s << u"The box arrived like this"_s << u"image/jpeg"_s;
    QTest::newRow("a document with its filename")
        << customerMessage(u"document"_s, QJsonObject{{u"caption"_s, u"Receipt"_s},
                                                      {u"filename"_s, u"invoice-2291.pdf"_s},
                                                      {u"mime_type"_s, u"application/pdf"_s},
                                                      {u"sha256"_s, kSha256Base64},
                                                      {u"id"_s, u"1003383421387257"_s}})
        << u"document"_s << u"Receipt"_s << u"application/pdf"_s;
    QTest::newRow("a voice message") << customerMessage(
                                            u"audio"_s,
                                            QJsonObject{{u"mime_type"_s, u"audio/ogg; codecs=opus"_s},
                                                        {u"sha256"_s, kSha256Base64},
                                                        {u"id"_s, u"1003383421387258"_s},
                                                        {u"voice"_s, true}})
                                     << u"audio"_s << QString() << u"audio/ogg; codecs=opus"_s;
    QTest::newRow("a video") << customerMessage(u"video"_s, QJsonObject{{u"mime_type"_s, u"video/mp4"_s},
                                                                        {u"sha256"_s, kSha256Base64},
                                                                        {u"id"_s, u"1003383421387259"_s}})
                             << u"video"_s << QString() << u"video/mp4"_s;
    QTest::newRow("a sticker") << customerMessage(u"sticker"_s, QJsonObject{{u"mime_type"_s, u"image/webp"_s},
                                                                            {u"sha256"_s, kSha256Base64},
                                                                            {u"id"_s, u"1003383421387260"_s},
                                                                            {u"animated"_s, false}})
                               << u"sticker"_s << QString() << u"image/webp"_s;
    QTest::newRow("a location with name and address")
        << customerMessage(u"location"_s, QJsonObject{{u"address"_s, u"1 Hacker Way, Menlo Park, CA 94025"_s},
                                                      {u"latitude"_s, 37.483307},
                                                      {u"longitude"_s, -122.148981},
                                                      {u"name"_s, u"Main office"_s},
                                                      {u"url"_s, u"https://www.example.com"_s}})
        << u"location"_s << QString() << u"Main office"_s;
    QTest::newRow("shared contacts with their phones")
        << customerMessage(u"contacts"_s,
                           QJsonArray{QJsonObject{
                               {u"name"_s, QJsonObject{{u"formatted_name"_s, u"Barbara J. Johnson"_s},
                                                       {u"first_name"_s, u"Barbara"_s},
                                                       {u"last_name"_s, u"Johnson"_s}}},
                               {u"phones"_s, QJsonArray{QJsonObject{{u"phone"_s, u"+1 (940) 555-1234"_s},
                                                                    {u"wa_id"_s, u"19405551234"_s},
                                                                    {u"type"_s, u"HOME"_s}}}}}})
        << u"contacts"_s << QString() << u"Barbara J. Johnson"_s;
    QTest::newRow("a list reply with its title and description")
        << customerMessage(
               u"interactive"_s,
               QJsonObject{{u"type"_s, u"list_reply"_s},
                           {u"list_reply"_s, QJsonObject{{u"id"_s, u"priority_express"_s},
                                                         {u"title"_s, u"Priority Mail Express"_s},
                                                         {u"description"_s, u"Next Day to 2 Days"_s}}}})
        << u"interactive"_s << u"Priority Mail Express"_s << u"priority_express"_s;
    QJsonObject unsupported = customerMessage(u"unsupported"_s, QJsonObject{});
    unsupported.remove(u"unsupported"_s);
    unsupported.insert(
        u"errors"_s,
        QJsonArray{QJsonObject{
            {u"code"_s, 131051},
            {u"title"_s, u"Message type unknown"_s},
            {u"message"_s, u"Message type unknown"_s},
            {u"error_data"_s, QJsonObject{{u"details"_s, u"Message type is currently not supported."_s}}}}});
    QTest::newRow("an unsupported message keeps Meta's error title")
        << unsupported << u"unsupported"_s << u"Message type unknown"_s << QString();
}

void TestMetaInbound::eachKindIsReadWithItsFields()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, detail);
    const Result<MetaWebhookBatch> batch = parseMetaWebhook(envelope(message));
    QVERIFY(batch.ok());
    QCOMPARE(batch->messages.size(), 1);
    const MetaInboundMessage &in = batch->messages.first();
    QCOMPARE(in.kind, MetaInboundMessage::Kind::FreeFlow);
    QCOMPARE(messageKindName(in.messageKind), kind);
    QCOMPARE(in.text, text);
    QCOMPARE(in.from, u"+16505551234"_s);
    QCOMPARE(in.profileName, u"Sheena Nelson"_s);
    if (in.media) {
        QCOMPARE(in.media->mimeType, detail);
        QCOMPARE(in.media->status, MediaStatus::Pending);
        QVERIFY(in.media->waMediaId.startsWith(u"10033834213872"_s));
        QCOMPARE(in.media->sha256, u"25bdf03c0d0e26bf9d3ac46cadc1e94aea97ba8750d53489ceb4ab07abd71520"_s);
        QCOMPARE(in.media->voice, kind == u"audio"_s);
        if (kind == u"document"_s)
            QCOMPARE(in.media->filename, u"invoice-2291.pdf"_s);
    } else if (in.location) {
        QCOMPARE(in.location->name, detail);
        QCOMPARE(in.location->latitude, 37.483307);
        QCOMPARE(in.location->longitude, -122.148981);
        QCOMPARE(in.location->address, u"1 Hacker Way, Menlo Park, CA 94025"_s);
    } else if (!in.contacts.isEmpty()) {
        QCOMPARE(in.contacts.first().name, detail);
        QCOMPARE(in.contacts.first().phones, QStringList{u"+1 (940) 555-1234"_s});
    } else if (in.interactive) {
        QCOMPARE(in.interactive->id, detail);
        QCOMPARE(in.interactive->type, u"list_reply"_s);
        QCOMPARE(in.interactive->description, u"Next Day to 2 Days"_s);
    } else {
        QCOMPARE(kind, u"unsupported"_s);
    }
}

void TestMetaInbound::aReactionNamesTheMessageItReactsTo()
{
    const QJsonObject reaction = customerMessage(
        u"reaction"_s,
        QJsonObject{{u"message_id"_s, u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EzQTc4RUQ5MUVFMjA2RjUA"_s},
                    {u"emoji"_s, u"\U0001F44D"_s}});
    const Result<MetaWebhookBatch> batch = parseMetaWebhook(envelope(reaction));
    QVERIFY(batch.ok());
    QCOMPARE(batch->messages.size(), 1);
    QCOMPARE(batch->messages.first().kind, MetaInboundMessage::Kind::Reaction);
    QCOMPARE(batch->messages.first().reactedWaId,
             u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EzQTc4RUQ5MUVFMjA2RjUA"_s);
    QCOMPARE(batch->messages.first().emoji, u"\U0001F44D"_s);
}

void TestMetaInbound::playedIsReadAsRead()
{
    const QJsonObject status{{u"id"_s, u"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EzQTc4RUQ5MUVFMjA2RjUA"_s},
                             {u"status"_s, u"played"_s},
                             {u"timestamp"_s, u"1750263773"_s},
                             {u"recipient_id"_s, u"16505551234"_s}};
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s, QJsonObject{{u"phone_number_id"_s, u"106540352242922"_s}}},
                            {u"statuses"_s, QJsonArray{status}}};
    const QJsonObject body{
        {u"object"_s, u"whatsapp_business_account"_s},
        {u"entry"_s, QJsonArray{QJsonObject{{u"changes"_s, QJsonArray{QJsonObject{{u"value"_s, value}}}}}}}};
    const Result<MetaWebhookBatch> batch = parseMetaWebhook(QJsonDocument(body).toJson());
    QVERIFY(batch.ok());
    QCOMPARE(batch->statuses.size(), 1);
    QCOMPARE(batch->statuses.first().status, u"read"_s);
}

void TestMetaInbound::sha256IsReadInBase64AndHex()
{
    const QString hex = u"25bdf03c0d0e26bf9d3ac46cadc1e94aea97ba8750d53489ceb4ab07abd71520"_s;
    QCOMPARE(sha256Hex(kSha256Base64), hex);
    QCOMPARE(sha256Hex(hex.toUpper()), hex);
    QCOMPARE(sha256Hex(u"not a hash"_s), QString());
}

QTEST_GUILESS_MAIN(TestMetaInbound)
#include "tst_metainbound.moc"
