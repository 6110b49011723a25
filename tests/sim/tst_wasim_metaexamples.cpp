// Every payload the simulator builds for media and rich messages, compared whole with Meta's published
// examples (metaexamples.h names the source of each).

#include "metaexamples.h"
#include "sim/conversationbook.h"
#include "sim/mediaformat.h"
#include "sim/metaformat.h"
#include "simtesthelpers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace handover::sim;

Q_DECLARE_METATYPE(handover::sim::CustomerMessage)

namespace {

const BusinessPhone kPhone{QStringLiteral("106540352242922"), QStringLiteral("15550783881"),
                           QStringLiteral("102290129340398")};
const QByteArray kJpegBytes = QByteArrayLiteral("\xff\xd8\xff\xe0hello-jpeg");

QJsonObject parsed(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test data is not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

#define COMPARE_JSON(actual, expected)                                                                       \
    QVERIFY2((actual) == (expected), qPrintable(QStringLiteral("\n   Actual: ") + compact(actual) +          \
                                                QStringLiteral("\n Expected: ") + compact(expected)))

CustomerMessage customer(const char *waMessageId)
{
    CustomerMessage message;
    message.from = QStringLiteral("919999990001");
    message.phoneNumberId = kPhone.phoneNumberId;
    message.profileName = QStringLiteral("Asha");
    message.waMessageId = QString::fromLatin1(waMessageId);
    message.timestamp = 1767258000;
    return message;
}

CustomerMessage withMedia(const char *waMessageId, const char *kind, const char *mimeType, const char *id)
{
    CustomerMessage message = customer(waMessageId);
    InboundMedia media;
    media.kind = QString::fromLatin1(kind);
    media.mimeType = QString::fromLatin1(mimeType);
    media.id = QString::fromLatin1(id);
    media.sha256 = QCryptographicHash::hash(kJpegBytes, QCryptographicHash::Sha256);
    media.url = QStringLiteral("http://127.0.0.1:8090/whatsapp_business/attachments/?mid=") + media.id;
    message.media = media;
    return message;
}

StatusUpdate status(const char *name, qint64 timestamp)
{
    return simtest::statusUpdate(QStringLiteral("wamid.OUT1"), QString::fromLatin1(name), timestamp);
}

// The template the status examples report on.
OutboundMessage sentTemplate()
{
    OutboundMessage sent;
    sent.waMessageId = QStringLiteral("wamid.OUT1");
    sent.phoneNumberId = kPhone.phoneNumberId;
    sent.to = QStringLiteral("919999990001");
    sent.type = QStringLiteral("template");
    return sent;
}

// The example with the conversation id this run drew.
QJsonObject withConversationId(const char *example, const QString &id)
{
    QJsonObject expected = parsed(QString::fromUtf8(example));
    QJsonObject conversation = expected[QStringLiteral("conversation")].toObject();
    conversation[QStringLiteral("id")] = id;
    expected[QStringLiteral("conversation")] = conversation;
    return expected;
}

QJsonObject firstStatus(const StatusUpdate &update)
{
    return statusEnvelope(kPhone, update)[QStringLiteral("entry")][0][QStringLiteral("changes")][0]
                                         [QStringLiteral("value")][QStringLiteral("statuses")][0]
                                             .toObject();
}

} // namespace

class TestWaSimMetaExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void customerMessagesAreMetasExamples_data();
    void customerMessagesAreMetasExamples();
    void sentStatusCarriesConversationAndPricing();
    void deliveredStatusNamesTheSameConversation();
    void readAndPlayedCarryNeitherConversationNorPricing();
    void failedStatusCarriesErrorsWithHref();
    void statusValueHasOnlyMetasMembers();
    void sendAnswerIsMetasExample();
    void mediaNodeIsMetasExample();
};

void TestWaSimMetaExamples::customerMessagesAreMetasExamples_data()
{
    QTest::addColumn<CustomerMessage>("message");
    QTest::addColumn<QString>("example");

    CustomerMessage image = withMedia("wamid.IN1", "image", "image/jpeg", "1003383421387256");
    image.media->caption = QStringLiteral("The scratch");
    QTest::newRow("A photo with a caption is Meta's image message")
        << image << QString::fromUtf8(metaexamples::kImage);

    CustomerMessage document = withMedia("wamid.IN2", "document", "application/pdf", "1003383421387257");
    document.media->caption = QStringLiteral("My invoice");
    document.media->filename = QStringLiteral("invoice-1001.pdf");
    QTest::newRow("A document carries its filename and caption")
        << document << QString::fromUtf8(metaexamples::kDocument);

    CustomerMessage voice = withMedia("wamid.IN3", "audio", "audio/ogg; codecs=opus", "1003383421387258");
    voice.media->voice = true;
    QTest::newRow("A voice note is audio with voice true")
        << voice << QString::fromUtf8(metaexamples::kVoiceNote);

    CustomerMessage video = withMedia("wamid.IN4", "video", "video/mp4", "1003383421387259");
    video.media->caption = QStringLiteral("How it wobbles");
    QTest::newRow("A video with a caption is Meta's video message")
        << video << QString::fromUtf8(metaexamples::kVideo);

    CustomerMessage sticker = withMedia("wamid.IN5", "sticker", "image/webp", "1003383421387260");
    sticker.media->animated = true;
    QTest::newRow("A sticker says whether it is animated")
        << sticker << QString::fromUtf8(metaexamples::kSticker);

    CustomerMessage location = customer("wamid.IN6");
    location.location =
        SharedLocation{9.9312, 76.2673, QStringLiteral("Harbour Store"),
                       QStringLiteral("12 Harbour Road, Kochi"), QStringLiteral("https://example.com/store")};
    QTest::newRow("A shared place is Meta's location message")
        << location << QString::fromUtf8(metaexamples::kLocation);

    CustomerMessage contacts = customer("wamid.IN7");
    contacts.contacts =
        parsed(QString::fromUtf8(metaexamples::kContacts))[QStringLiteral("contacts")].toArray();
    QTest::newRow("Contact cards pass as Meta's contacts message")
        << contacts << QString::fromUtf8(metaexamples::kContacts);

    CustomerMessage reaction = customer("wamid.IN8");
    reaction.reaction = Reaction{QStringLiteral("wamid.OUT1"), QString::fromUtf8("\u2764\ufe0f")};
    QTest::newRow("A reaction names the message and the emoji")
        << reaction << QString::fromUtf8(metaexamples::kReaction);

    CustomerMessage removed = customer("wamid.IN9");
    removed.reaction = Reaction{QStringLiteral("wamid.OUT1"), QString()};
    QTest::newRow("A reaction taken back has an empty emoji")
        << removed << QString::fromUtf8(metaexamples::kReactionRemoved);

    CustomerMessage list = customer("wamid.IN10");
    list.interactive = InteractiveReply{QStringLiteral("list_reply"), QStringLiteral("slot-sat-10"),
                                        QStringLiteral("Saturday 10:00"), QStringLiteral("Morning delivery"),
                                        QStringLiteral("wamid.OUT2")};
    QTest::newRow("A list choice is an interactive list_reply with its context")
        << list << QString::fromUtf8(metaexamples::kListReply);

    CustomerMessage button = customer("wamid.IN11");
    button.interactive =
        InteractiveReply{QStringLiteral("button_reply"), QStringLiteral("keep-order"),
                         QStringLiteral("Keep my order"), QString(), QStringLiteral("wamid.OUT3")};
    QTest::newRow("A reply button tap is an interactive button_reply")
        << button << QString::fromUtf8(metaexamples::kButtonReply);

    CustomerMessage unsupported = customer("wamid.IN12");
    unsupported.unsupported = UnsupportedContent{};
    QTest::newRow("An unsupported message carries Meta's error 131051")
        << unsupported << QString::fromUtf8(metaexamples::kUnsupported);

    CustomerMessage poll = customer("wamid.IN13");
    poll.unsupported = UnsupportedContent{QStringLiteral("poll")};
    QTest::newRow("An unsupported message may name what it was")
        << poll << QString::fromUtf8(metaexamples::kUnsupportedPoll);
}

void TestWaSimMetaExamples::customerMessagesAreMetasExamples()
{
    QFETCH(CustomerMessage, message);
    QFETCH(QString, example);
    const QJsonObject expected = parsed(QString::fromUtf8(metaexamples::kEnvelope).arg(example));
    COMPARE_JSON(customerMessageEnvelope(kPhone, message), expected);
}

void TestWaSimMetaExamples::sentStatusCarriesConversationAndPricing()
{
    ConversationBook book;
    StatusUpdate update = status("sent", 1767258001);
    book.describe(sentTemplate(), update);
    QVERIFY(update.conversation);
    QCOMPARE(update.conversation->id.size(), 32);
    COMPARE_JSON(firstStatus(update), withConversationId(metaexamples::kStatusSent, update.conversation->id));
}

void TestWaSimMetaExamples::deliveredStatusNamesTheSameConversation()
{
    const OutboundMessage sent = sentTemplate();
    ConversationBook book;
    StatusUpdate first = status("sent", 1767258001);
    book.describe(sent, first);
    StatusUpdate delivered = status("delivered", 1767258002);
    // The Postman example prices by conversation; a status may say so.
    delivered.pricing =
        StatusPricing{true, QStringLiteral("CBP"), QString(), QStringLiteral("user_initiated")};
    book.describe(sent, delivered);
    QCOMPARE(delivered.conversation->id, first.conversation->id);
    QJsonObject expected = withConversationId(metaexamples::kStatusDelivered, first.conversation->id);
    QJsonObject conversation = expected[QStringLiteral("conversation")].toObject();
    conversation[QStringLiteral("origin")] = QJsonObject{{QStringLiteral("type"), QStringLiteral("utility")}};
    expected[QStringLiteral("conversation")] = conversation; // opened by the template, a utility message
    COMPARE_JSON(firstStatus(delivered), expected);
}

void TestWaSimMetaExamples::readAndPlayedCarryNeitherConversationNorPricing()
{
    const OutboundMessage sent = sentTemplate();
    ConversationBook book;
    for (const char *later : {"read", "played"}) {
        StatusUpdate update = status(later, 1767258003);
        update.pricing = StatusPricing{};
        book.describe(sent, update);
        QJsonObject expected = parsed(QString::fromUtf8(metaexamples::kStatusRead));
        expected[QStringLiteral("status")] = QString::fromLatin1(later);
        COMPARE_JSON(firstStatus(update), expected);
    }
}

void TestWaSimMetaExamples::failedStatusCarriesErrorsWithHref()
{
    OutboundMessage sent;
    sent.waMessageId = QStringLiteral("wamid.OUT1");
    sent.type = QStringLiteral("text");
    ConversationBook book;
    StatusUpdate update = status("failed", 1767258003);
    update.error =
        StatusError{131026, QStringLiteral("Message undeliverable"), QString(),
                    QStringLiteral("The recipient's phone cannot receive this message."), QString()};
    update.pricing = StatusPricing{};
    book.describe(sent, update);
    COMPARE_JSON(firstStatus(update), parsed(QString::fromUtf8(metaexamples::kStatusFailed)));
}

void TestWaSimMetaExamples::statusValueHasOnlyMetasMembers()
{
    // [OPENAPI] a statuses value requires messaging_product, metadata and statuses, and has nothing else.
    const QJsonObject value =
        statusEnvelope(
            kPhone,
            status("read",
                   1))[QStringLiteral("entry")][0][QStringLiteral("changes")][0][QStringLiteral("value")]
            .toObject();
    QStringList keys = value.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("messaging_product"), QStringLiteral("metadata"),
                                QStringLiteral("statuses")}));
}

void TestWaSimMetaExamples::sendAnswerIsMetasExample()
{
    OutboundMessage message;
    message.input = QStringLiteral("+919999990001");
    message.to = QStringLiteral("919999990001");
    message.waMessageId = QStringLiteral("wamid.OUT1");
    COMPARE_JSON(sendResponseBody(message), parsed(QString::fromUtf8(metaexamples::kSendAnswer)));
}

void TestWaSimMetaExamples::mediaNodeIsMetasExample()
{
    MediaAsset asset;
    asset.id = QStringLiteral("1003383421387256");
    asset.mimeType = QStringLiteral("image/jpeg");
    asset.bytes = kJpegBytes;
    asset.sha256 = QCryptographicHash::hash(kJpegBytes, QCryptographicHash::Sha256);
    const QUrl url(
        QStringLiteral("http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387256"));
    COMPARE_JSON(mediaNodeJson(asset, url), parsed(QString::fromUtf8(metaexamples::kMediaNode)));
}

QTEST_GUILESS_MAIN(TestWaSimMetaExamples)
#include "tst_wasim_metaexamples.moc"
