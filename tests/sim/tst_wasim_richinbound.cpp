// POST /sim/inbound's rich kinds: what each control request becomes, and the 400 every bad one gets.

#include "sim/controlformat.h"

#include <QTest>

using namespace handover;
using namespace handover::sim;

namespace {

QByteArray request(const char *kindAndBody)
{
    return QByteArrayLiteral(R"({"from":"919999990001","phone_number_id":"106540352242922",)") + kindAndBody +
           '}';
}

} // namespace

class TestWaSimRichInbound : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void photoIsRead();
    void documentGetsAFilename();
    void voiceNoteAndStickerKeepTheirFlags();
    void locationIsRead();
    void contactCardsPassAsGiven();
    void reactionMayBeTakenBack();
    void interactiveRepliesAreRead();
    void unsupportedMayNameItsType();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
};

void TestWaSimRichInbound::photoIsRead()
{
    const auto message = parseInboundRequest(
        request(R"("image":{"bytes_base64":"/9j/aGk=","mime_type":"image/jpeg","caption":"The scratch"})"));
    QVERIFY2(message.ok(), qPrintable(message.ok() ? QString() : message.error().description));
    QVERIFY(message->media);
    QCOMPARE(message->media->kind, QStringLiteral("image"));
    QCOMPARE(message->media->bytes, QByteArray("\xff\xd8\xff"
                                               "hi"));
    QCOMPARE(message->media->mimeType, QStringLiteral("image/jpeg"));
    QCOMPARE(message->media->caption, QStringLiteral("The scratch"));
    QVERIFY(message->media->id.isEmpty()); // the simulator stores it
    QVERIFY(message->text.isEmpty());
}

void TestWaSimRichInbound::documentGetsAFilename()
{
    const auto named = parseInboundRequest(request(
        R"("document":{"bytes_base64":"JVBERg==","mime_type":"application/pdf","filename":"a.pdf"})"));
    QVERIFY(named.ok());
    QCOMPARE(named->media->filename, QStringLiteral("a.pdf"));
    const auto unnamed = parseInboundRequest(
        request(R"("document":{"bytes_base64":"JVBERg==","mime_type":"application/pdf"})"));
    QVERIFY(unnamed.ok());
    QCOMPARE(unnamed->media->filename, QStringLiteral("document"));
}

void TestWaSimRichInbound::voiceNoteAndStickerKeepTheirFlags()
{
    const auto voice = parseInboundRequest(
        request(R"("audio":{"bytes_base64":"T2dnUw==","mime_type":"audio/ogg; codecs=opus","voice":true})"));
    QVERIFY(voice.ok());
    QVERIFY(voice->media->voice);
    const auto sticker = parseInboundRequest(
        request(R"("sticker":{"bytes_base64":"UklGRg==","mime_type":"image/webp","animated":true})"));
    QVERIFY(sticker.ok());
    QVERIFY(sticker->media->animated);
}

void TestWaSimRichInbound::locationIsRead()
{
    const auto message = parseInboundRequest(request(
        R"("location":{"latitude":9.93,"longitude":-76.26,"name":"Harbour Store","address":"12 Harbour Road"})"));
    QVERIFY(message.ok());
    QCOMPARE(message->location, (SharedLocation{9.93, -76.26, QStringLiteral("Harbour Store"),
                                                QStringLiteral("12 Harbour Road"), QString()}));
}

void TestWaSimRichInbound::contactCardsPassAsGiven()
{
    const auto message = parseInboundRequest(request(
        R"("contacts":[{"name":{"formatted_name":"Ravi Menon"},"phones":[{"phone":"+91 99999 90002","type":"CELL"}]}])"));
    QVERIFY(message.ok());
    QCOMPARE(message->contacts->size(), 1);
    QCOMPARE(message->contacts->at(0)[QStringLiteral("phones")][0][QStringLiteral("type")].toString(),
             QStringLiteral("CELL"));
}

void TestWaSimRichInbound::reactionMayBeTakenBack()
{
    const auto removed = parseInboundRequest(request(R"("reaction":{"message_id":"wamid.OUT","emoji":""})"));
    QVERIFY(removed.ok());
    QCOMPARE(removed->reaction, (Reaction{QStringLiteral("wamid.OUT"), QString()}));
    const auto absent = parseInboundRequest(request(R"("reaction":{"message_id":"wamid.OUT"})"));
    QVERIFY(absent.ok());
    QCOMPARE(absent->reaction, (Reaction{QStringLiteral("wamid.OUT"), QString()}));
}

void TestWaSimRichInbound::interactiveRepliesAreRead()
{
    const auto list = parseInboundRequest(request(
        R"("list_reply":{"id":"slot-1","title":"Saturday","description":"Morning","context_id":"wamid.L"})"));
    QVERIFY(list.ok());
    QCOMPARE(list->interactive, (InteractiveReply{QStringLiteral("list_reply"), QStringLiteral("slot-1"),
                                                  QStringLiteral("Saturday"), QStringLiteral("Morning"),
                                                  QStringLiteral("wamid.L")}));
    const auto button = parseInboundRequest(request(R"("button_reply":{"id":"keep","title":"Keep it"})"));
    QVERIFY(button.ok());
    QCOMPARE(button->interactive->type, QStringLiteral("button_reply"));
    QVERIFY(button->interactive->contextId.isEmpty());
}

void TestWaSimRichInbound::unsupportedMayNameItsType()
{
    const auto plain = parseInboundRequest(request(R"("unsupported":true)"));
    QVERIFY(plain.ok());
    QCOMPARE(plain->unsupported, UnsupportedContent{});
    const auto poll = parseInboundRequest(request(R"("unsupported":{"type":"poll"})"));
    QVERIFY(poll.ok());
    QCOMPARE(poll->unsupported->type, QStringLiteral("poll"));
}

void TestWaSimRichInbound::badRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    const auto row = [](const char *name, const char *kind, const char *field) {
        QTest::newRow(name) << request(kind) << QString::fromLatin1(field);
    };
    row("Two kinds at once are refused", R"("text":"hi","location":{"latitude":1,"longitude":2})", "text");
    row("Two media files are refused",
        R"("image":{"bytes_base64":"AA==","mime_type":"image/png"},"video":{"bytes_base64":"AA==","mime_type":"video/mp4"})",
        "video");
    row("Media without bytes is refused", R"("image":{"mime_type":"image/png"})", "image.bytes_base64");
    row("Bytes that are not base64 are refused", R"("image":{"bytes_base64":"@@@","mime_type":"image/png"})",
        "image.bytes_base64");
    row("Media without a MIME type is refused", R"("image":{"bytes_base64":"AA=="})", "image.mime_type");
    row("Media that is not an object is refused", R"("image":"AA==")", "image");
    row("A caption on audio is refused",
        R"("audio":{"bytes_base64":"AA==","mime_type":"audio/ogg","caption":"x"})", "audio.caption");
    row("voice on an image is refused",
        R"("image":{"bytes_base64":"AA==","mime_type":"image/png","voice":true})", "image.voice");
    row("animated that is not a boolean is refused",
        R"("sticker":{"bytes_base64":"AA==","mime_type":"image/webp","animated":"yes"})", "sticker.animated");
    row("A latitude out of range is refused", R"("location":{"latitude":91,"longitude":0})",
        "location.latitude");
    row("A longitude given as text is refused", R"("location":{"latitude":1,"longitude":"2"})",
        "location.longitude");
    row("An empty contacts list is refused", R"("contacts":[])", "contacts");
    row("A contact without formatted_name is refused", R"("contacts":[{"name":{"first_name":"A"}}])",
        "contacts[0].name.formatted_name");
    row("A reaction without message_id is refused", R"("reaction":{"emoji":"x"})", "reaction.message_id");
    row("A reaction with a number for emoji is refused", R"("reaction":{"message_id":"wamid.A","emoji":1})",
        "reaction.emoji");
    row("A list reply without title is refused", R"("list_reply":{"id":"a"})", "list_reply.title");
    row("A button reply with a description is refused",
        R"("button_reply":{"id":"a","title":"A","description":"d"})", "button_reply.description");
    row("Both interactive replies are refused",
        R"("list_reply":{"id":"a","title":"A"},"button_reply":{"id":"b","title":"B"})", "list_reply");
    row("unsupported given as a number is refused", R"("unsupported":3)", "unsupported");
    row("No kind at all is refused", R"("profile_name":"Asha")", "text");
}

void TestWaSimRichInbound::badRequestsAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto message = parseInboundRequest(body);
    QVERIFY(!message.ok());
    QCOMPARE(message.code(), ErrorCode::ValidationFailed);
    QVERIFY2(message.error().fields.contains(field),
             qPrintable(message.error().fields.join(QLatin1Char(','))));
    QVERIFY(!message.error().description.isEmpty());
}

QTEST_GUILESS_MAIN(TestWaSimRichInbound)
#include "tst_wasim_richinbound.moc"
