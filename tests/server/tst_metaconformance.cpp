// The WhatsApp channel against Meta's own published examples (tests/data/meta, SOURCES.md names each one's
// origin), with the real server and no simulator: Meta's webhook samples are posted signed as Meta posts them
// and read back through the API; what the server sends to the Graph API is recorded by a loopback stand-in
// that answers with Meta's samples, and compared field by field with Meta's request samples.

#include "tests/support/graphrecorder.h"
#include "tests/support/metasamples.h"
#include "tests/support/orgsetup.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <algorithm>

using namespace handover::testing;

namespace {

// Meta's sample business and customer (tests/data/meta/webhooks): the org registers that very number.
const QString kPhoneId = QStringLiteral("106540352242922");
const QString kWabaId = QStringLiteral("102290129340398");
const QString kCustomer = QStringLiteral("+16505551234");
const QString kToken = QStringLiteral("EAAJBmetaConformanceTokenFor106540352242922");
// Meta URL-encodes a verify token's `+` and `/` as %2B and %2F.
const QString kVerifyToken = QStringLiteral("meta+verify/token");
constexpr int kDeadlineMs = 30000;

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// The values the template sends fill in.
QString valueOf(const QString &tag)
{
    return QHash<QString, QString>{
        {s("first_name"), s("Dana")}, {s("order_no"), s("A-1042")}, {s("ship_date"), s("Friday")}}
        .value(tag);
}

QStringList valuesOf(const QStringList &tags)
{
    QStringList values;
    for (const QString &tag : tags)
        values.append(valueOf(tag));
    return values;
}

QByteArray bytesFor(const QString &type)
{
    return QByteArray("Handover conformance bytes of a ").append(type.toLatin1()).repeated(40);
}

} // namespace

class TestMetaConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void subscriptionCheckEchoesTheChallenge_data();
    void subscriptionCheckEchoesTheChallenge();
    void inboundSampleIsStoredWithItsFields_data();
    void inboundSampleIsStoredWithItsFields();
    void batchedEnvelopeIsAppliedWhole();
    void quickReplyTapAnswersTheTemplate();
    void reactionShowsOnTheReactedMessage();
    void statusSampleMovesTheMessage_data();
    void statusSampleMovesTheMessage();
    void textSendHasMetasShape();
    void templateSendHasMetasShape_data();
    void templateSendHasMetasShape();
    void mediaSendHasMetasShape_data();
    void mediaSendHasMetasShape();

private:
    HttpResult postWebhook(const QJsonObject &envelope);
    QJsonObject messageWhere(const QString &key, const QString &value);
    // The message once `done` holds for it (or as it is at the deadline; {} when it never appeared).
    QJsonObject awaitMessage(const QString &key, const QString &value,
                             const std::function<bool(const QJsonObject &)> &done,
                             int timeoutMs = kDeadlineMs);
    QJsonObject sendText(const QString &text); // the stored message once Meta accepted it
    QString uploadMedia(const QByteArray &mime, const QString &filename, const QByteArray &bytes,
                        QString *why);
    // Meta's id of upload number `before` the server sent, once it came; empty, and why, when it is not
    // Meta's form with these bytes.
    QString checkedUpload(qsizetype before, const QByteArray &mime, const QString &filename,
                          const QByteArray &bytes, QString *why);
    QString path(const QString &tail) const
    {
        return QStringLiteral("/v1/orgs/%1/%2").arg(m_org.orgId, tail);
    }

    GraphRecorder m_recorder{metaSamplesDir(), kPhoneId, kToken};
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<OrgSetup> m_setup;
    TestOrg m_org;
    QString m_room;
    HttpClient m_api;
    int m_templates = 0;
};

void TestMetaConformance::initTestCase()
{
    QVERIFY(!metaSample(s("webhooks/text.json")).isEmpty());
    QVERIFY2(m_recorder.listen(), qPrintable(m_recorder.errorString()));
    ServerProcess::Options options;
    options.simulator = false;
    options.verifyToken = kVerifyToken;
    options.serveArguments = {s("--rate-limit"), s("100000"),      s("--rate-burst"),
                              s("100000"),       s("--graph-url"), m_recorder.url().toString()};
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_setup = std::make_unique<OrgSetup>(*m_server);
    m_org = m_setup->bootstrapOrg();
    m_org.phoneId = kPhoneId;
    m_api = m_server->client(m_org.apiKey);

    const HttpResult phone =
        m_api.post(path(s("waba-phones")), QJsonObject{{s("remote_waba_id"), kWabaId},
                                                       {s("remote_phone_id"), kPhoneId},
                                                       {s("display_phone_number"), s("15550783881")},
                                                       {s("access_token"), kToken}});
    QVERIFY2(phone.status == 201, qPrintable(describeResult(phone)));
    const QString contact = m_setup->createContact(m_org, kCustomer);
    QVERIFY2(!contact.isEmpty(), m_setup->why());
    m_room = m_setup->createChatroom(m_org, contact, QJsonObject{{s("user_id"), m_org.admin.id}});
    QVERIFY2(!m_room.isEmpty(), m_setup->why());
    // Meta's text sample opens the customer's window for the sends below.
    const HttpResult first = postWebhook(metaSample(s("webhooks/text.json")));
    QVERIFY2(first.status == 200, qPrintable(describeResult(first)));
}

HttpResult TestMetaConformance::postWebhook(const QJsonObject &envelope)
{
    const QJsonObject dated = withTimestamps(envelope, QDateTime::currentSecsSinceEpoch());
    const QByteArray body = QJsonDocument(dated).toJson(QJsonDocument::Compact);
    return m_setup->postMetaWebhook(body, OrgSetup::metaSignature(body, m_server->options().appSecret));
}

QJsonObject TestMetaConformance::messageWhere(const QString &key, const QString &value)
{
    const HttpResult listed = m_api.get(path(QStringLiteral("chatrooms/%1/messages?limit=200").arg(m_room)));
    for (const QJsonValue &message : listed.array(s("messages"))) {
        if (message[key].toString() == value)
            return message.toObject();
    }
    return {};
}

QJsonObject TestMetaConformance::awaitMessage(const QString &key, const QString &value,
                                              const std::function<bool(const QJsonObject &)> &done,
                                              int timeoutMs)
{
    QJsonObject found;
    QElapsedTimer asked; // the timeline is read at most every 100 ms, to spare a loaded machine
    (void)QTest::qWaitFor(
        [&] {
            if (asked.isValid() && asked.elapsed() < 100)
                return false;
            asked.start();
            return done(found = messageWhere(key, value));
        },
        timeoutMs);
    return found;
}

QJsonObject TestMetaConformance::sendText(const QString &text)
{
    const HttpResult sent = m_api.post(path(QStringLiteral("chatrooms/%1/messages").arg(m_room)),
                                       QJsonObject{{s("text"), text}, {s("as_user_id"), m_org.admin.id}});
    if (sent.status != 201)
        return {};
    return awaitMessage(s("id"), sent.string(s("id")),
                        [](const QJsonObject &m) { return !m[s("wa_message_id")].toString().isEmpty(); });
}

QString TestMetaConformance::uploadMedia(const QByteArray &mime, const QString &filename,
                                         const QByteArray &bytes, QString *why)
{
    const HttpResult uploaded =
        m_api.postRaw(path(s("media")), bytes, {{"Content-Type", mime}, {"X-Filename", filename.toUtf8()}});
    *why = s("POST /v1/orgs/{orgId}/media gave no id: ") + describeResult(uploaded);
    return uploaded.status == 201 || uploaded.status == 200 ? uploaded.string(s("id")) : QString();
}

QString TestMetaConformance::checkedUpload(qsizetype before, const QByteArray &mime, const QString &filename,
                                           const QByteArray &bytes, QString *why)
{
    if (m_recorder.awaitUpload(before, kDeadlineMs).path.isEmpty()) {
        *why = QStringLiteral("no POST /v21.0/%1/media reached the Graph API").arg(kPhoneId);
        return {};
    }
    const QStringList problems = m_recorder.uploadProblems(before, mime, filename, bytes);
    *why = s("Meta's media upload form: ") + problems.join(s("; "));
    return problems.isEmpty() ? m_recorder.uploadedId(before) : QString();
}

void TestMetaConformance::subscriptionCheckEchoesTheChallenge_data()
{
    QTest::addColumn<QString>("encodedToken");
    QTest::newRow("Meta's encoding of + and / (%2B, %2F) is undone before the verify token is compared")
        << s("meta%2Bverify%2Ftoken");
    QTest::newRow("lower-case escapes (%2b, %2f) are the same token") << s("meta%2bverify%2ftoken");
}

void TestMetaConformance::subscriptionCheckEchoesTheChallenge()
{
    QFETCH(QString, encodedToken);
    const HttpResult answer =
        m_server->client().get(QStringLiteral("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=%1"
                                              "&hub.challenge=1158201444")
                                   .arg(encodedToken));
    QVERIFY2(answer.status == 200, qPrintable(describeResult(answer)));
    QCOMPARE(answer.body, QByteArray("1158201444"));
}

void TestMetaConformance::inboundSampleIsStoredWithItsFields_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("text: the body is the message's text") << s("text.json");
    QTest::newRow("image: caption, mime type and digest kept, the bytes fetched") << s("image.json");
    QTest::newRow("document: filename and caption kept, the bytes fetched") << s("document.json");
    QTest::newRow("audio (voice): no caption, the bytes fetched") << s("audio-voice.json");
    QTest::newRow("video: caption kept, the bytes fetched") << s("video.json");
    QTest::newRow("sticker: a media message of kind sticker") << s("sticker.json");
    QTest::newRow("location: latitude, longitude, name and address kept") << s("location.json");
    QTest::newRow("contacts: names and phones kept") << s("contacts.json");
    QTest::newRow("interactive list reply: id, title and description kept")
        << s("interactive-list-reply.json");
    QTest::newRow("interactive reply button: id and title kept") << s("interactive-button-reply.json");
    QTest::newRow("unsupported: Meta's error title kept") << s("unsupported.json");
}

void TestMetaConformance::inboundSampleIsStoredWithItsFields()
{
    QFETCH(QString, file);
    QJsonObject envelope = metaSample(s("webhooks/") + file);
    const QJsonObject meta = messagesOf(envelope).first().toObject();
    const QString type = meta[s("type")].toString();
    const QString waId = meta[s("id")].toString();
    const QJsonObject metaMedia = meta[type].toObject();
    const bool isMedia = metaMedia.contains(QLatin1String("sha256"));
    const QByteArray bytes = isMedia ? bytesFor(type) : QByteArray();
    if (isMedia) {
        // Meta's bytes are not published: the sample names ours, at the recorder's download URL.
        const QString mediaId = metaMedia[s("id")].toString();
        const QUrl url = m_recorder.addMedia(mediaId, metaMedia[s("mime_type")].toString().toLatin1(), bytes);
        envelope = withFirstMessage(envelope, [&](QJsonObject &message) {
            QJsonObject media = message[type].toObject();
            media.insert(s("url"), url.toString());
            media.insert(s("sha256"), sha256Forms(bytes).last());
            message.insert(type, media);
        });
    }
    const HttpResult posted = postWebhook(envelope);
    QVERIFY2(posted.status == 200, qPrintable(describeResult(posted)));

    const QJsonObject stored = awaitMessage(s("wa_message_id"), waId, [isMedia](const QJsonObject &m) {
        return !m.isEmpty() &&
               (!isMedia || m[s("media")][s("status")].toString() != QLatin1String("pending"));
    });
    QVERIFY2(!stored.isEmpty(),
             qPrintable(QStringLiteral("no message with wa_message_id %1 after Meta's %2").arg(waId, file)));
    const QStringList problems = fieldProblems(expectedApiMessage(meta, bytes), stored);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; ")) + s("\nstored: ") + jsonText(stored)));
    if (type == QLatin1String("unsupported")) {
        const QString title = meta[s("errors")][0][s("title")].toString();
        QVERIFY2(stored[s("text")].toString().contains(title) ||
                     stored[s("error")].toString().contains(title),
                 qPrintable(QStringLiteral("Meta's error title \"%1\" is in neither text nor error: %2")
                                .arg(title, jsonText(stored))));
    }
    if (!isMedia)
        return;
    const QJsonObject media = stored[s("media")].toObject();
    QVERIFY2(sha256Forms(bytes).contains(media[s("sha256")].toString()),
             qPrintable(s("media.sha256 is not the bytes' digest (hex or base64): ") + jsonText(media)));
    const auto downloads = m_recorder.requestsTo("GET", s("/whatsapp_business/attachments/"));
    QVERIFY2(std::any_of(downloads.cbegin(), downloads.cend(),
                         [&](const RecordedRequest &r) {
                             return r.query.queryItemValue(s("mid")) == metaMedia[s("id")].toString() &&
                                    r.header("Authorization") == "Bearer " + kToken.toUtf8();
                         }),
             "the bytes were never downloaded with the phone's access token");
    const HttpResult served = m_api.get(path(s("media/") + media[s("id")].toString()));
    QVERIFY2(served.status == 200, qPrintable(describeResult(served)));
    QCOMPARE(served.body, bytes);
    QVERIFY2(served.header("Content-Type")
                 .startsWith(metaMedia[s("mime_type")].toString().section(u';', 0, 0).toLatin1()),
             served.header("Content-Type").constData());
    QVERIFY2(!served.header("ETag").isEmpty(), "GET media has no ETag");
}

void TestMetaConformance::batchedEnvelopeIsAppliedWhole()
{
    const QJsonObject first = sendText(s("Your order is packed."));
    const QJsonObject second = sendText(s("It leaves the warehouse today."));
    QVERIFY2(!first.isEmpty() && !second.isEmpty(), "a free-flow send was not accepted");
    const QStringList statusTargets{first[s("wa_message_id")].toString(),
                                    second[s("wa_message_id")].toString()};
    const QJsonObject envelope =
        withEachStatus(metaSample(s("webhooks/batch.json")), [&](QJsonObject &status, qsizetype i) {
            status.insert(s("id"), statusTargets.value(i));
        });
    const HttpResult posted = postWebhook(envelope);
    QVERIFY2(posted.status == 200, qPrintable(describeResult(posted)));
    QStringList problems; // of every update, so that one missing kind does not hide the rest
    const QJsonArray statuses = statusesOf(envelope);
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const QString want = statuses.at(i)[s("status")].toString();
        const QJsonObject stored =
            awaitMessage(s("wa_message_id"), statusTargets.at(i),
                         [&](const QJsonObject &m) { return m[s("status")].toString() == want; });
        problems << fieldProblems(QJsonObject{{s("status"), want}}, stored,
                                  QStringLiteral("status %1: $").arg(i));
    }
    for (const QJsonValue &meta : messagesOf(envelope)) {
        const QString waId = meta[s("id")].toString();
        const QJsonObject stored =
            awaitMessage(s("wa_message_id"), waId, [](const QJsonObject &m) { return !m.isEmpty(); });
        if (stored.isEmpty())
            problems << s("no message with wa_message_id ") + waId;
        else
            problems << fieldProblems(expectedApiMessage(meta.toObject(), {}), stored, waId + s(": $"));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; "))));
}

void TestMetaConformance::quickReplyTapAnswersTheTemplate()
{
    // Meta's sample taps a quick reply "Unsubscribe".
    const HttpResult added = m_api.post(
        path(s("templates")), QJsonObject{{s("remote_template_id"), s("tpl-meta-unsubscribe")},
                                          {s("name"), s("newsletter")},
                                          {s("language"), s("en_US")},
                                          {s("category"), s("MARKETING")},
                                          {s("body"), s("Our spring newsletter is out.")},
                                          {s("buttons"), QJsonArray{quickReply(s("Unsubscribe"))}}});
    QVERIFY2(added.status == 201, qPrintable(describeResult(added)));
    const HttpResult sent =
        m_api.post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, m_room),
                   QJsonObject{{s("remote_template_id"), s("tpl-meta-unsubscribe")}});
    QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));
    const QJsonObject tmpl = awaitMessage(s("id"), sent.string(s("id")), [](const QJsonObject &m) {
        return !m[s("wa_message_id")].toString().isEmpty();
    });
    const QJsonObject button = tmpl[s("template")][s("buttons")][0].toObject();
    const QJsonObject envelope =
        withFirstMessage(metaSample(s("webhooks/button-quick-reply.json")), [&](QJsonObject &m) {
            m.insert(s("context"), QJsonObject{{s("from"), m[s("context")][s("from")]},
                                               {s("id"), tmpl[s("wa_message_id")]}});
            m.insert(s("button"), QJsonObject{{s("payload"), button[s("payload")]},
                                              {s("text"), m[s("button")][s("text")]}});
        });
    const HttpResult posted = postWebhook(envelope);
    QVERIFY2(posted.status == 200, qPrintable(describeResult(posted)));
    const QString waId = messagesOf(envelope).first()[s("id")].toString();
    const QJsonObject tap =
        awaitMessage(s("wa_message_id"), waId, [](const QJsonObject &m) { return !m.isEmpty(); });
    const QJsonObject want{
        {s("kind"), s("button_reply")},
        {s("in_reply_to"), tmpl[s("id")]},
        {s("button"),
         QJsonObject{{s("index"), 0}, {s("text"), s("Unsubscribe")}, {s("payload"), button[s("payload")]}}}};
    const QStringList problems = fieldProblems(want, tap);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; ")) + s("\nstored: ") + jsonText(tap)));
}

void TestMetaConformance::reactionShowsOnTheReactedMessage()
{
    const QJsonObject ours = sendText(s("Here is the tracking link."));
    QVERIFY2(!ours.isEmpty(), "a free-flow send was not accepted");
    const QString chatroomPath = path(s("chatrooms/") + m_room);
    const int bumpSeq = m_api.get(chatroomPath).json()[s("bump_seq")].toInt();
    const auto react = [&](const QString &file) {
        return withFirstMessage(metaSample(s("webhooks/") + file), [&](QJsonObject &m) {
            QJsonObject reaction = m[s("reaction")].toObject();
            reaction.insert(s("message_id"), ours[s("wa_message_id")]);
            m.insert(s("reaction"), reaction);
        });
    };
    const QJsonObject reaction = react(s("reaction.json"));
    QVERIFY(postWebhook(reaction).status == 200);
    const QJsonObject reacted = awaitMessage(s("id"), ours[s("id")].toString(), [](const QJsonObject &m) {
        return !m[s("reactions")].toArray().isEmpty();
    });
    const QJsonValue emoji = messagesOf(reaction).first()[s("reaction")][s("emoji")];
    const QJsonObject want{
        {s("reactions"), QJsonArray{QJsonObject{{s("emoji"), emoji}, {s("from"), s("customer")}}}}};
    const QStringList problems = fieldProblems(want, reacted);
    QVERIFY2(problems.isEmpty(),
             qPrintable(problems.join(s("; ")) + s("\nreacted message: ") + jsonText(reacted)));
    QVERIFY2(!reacted[s("reactions")][0][s("at")].toString().isEmpty(), "a reaction without `at`");
    QVERIFY2(messageWhere(s("wa_message_id"), messagesOf(reaction).first()[s("id")].toString()).isEmpty(),
             "the reaction is a message of its own in the timeline");
    QCOMPARE(m_api.get(chatroomPath).json()[s("bump_seq")].toInt(), bumpSeq);

    // Meta omits `emoji` when the customer takes the reaction back.
    QVERIFY(postWebhook(react(s("reaction-removed.json"))).status == 200);
    const QJsonObject cleared = awaitMessage(s("id"), ours[s("id")].toString(), [](const QJsonObject &m) {
        return m[s("reactions")].toArray().isEmpty();
    });
    QVERIFY2(cleared[s("reactions")].toArray().isEmpty(), qPrintable(jsonText(cleared)));
}

void TestMetaConformance::statusSampleMovesTheMessage_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("sent, with Meta's conversation and pricing")
        << s("status-sent.json") << s("sent") << QString();
    QTest::newRow("delivered, with conversation and pricing")
        << s("status-delivered.json") << s("delivered") << QString();
    QTest::newRow("read") << s("status-read.json") << s("read") << QString();
    QTest::newRow("played: a voice message was played, which the message shows as read")
        << s("status-played.json") << s("read") << QString();
    QTest::newRow("failed, with Meta's error code and title")
        << s("status-failed.json") << s("failed")
        << s("131049: This message was not delivered to maintain healthy ecosystem engagement.");
}

void TestMetaConformance::statusSampleMovesTheMessage()
{
    QFETCH(QString, file);
    QFETCH(QString, status);
    QFETCH(QString, error);
    const QJsonObject ours = sendText(QStringLiteral("Status sample %1").arg(file));
    QVERIFY2(!ours.isEmpty(), "a free-flow send was not accepted");
    const QJsonObject envelope = withFirstStatus(metaSample(s("webhooks/") + file), [&](QJsonObject &st) {
        st.insert(s("id"), ours[s("wa_message_id")]);
    });
    const HttpResult posted = postWebhook(envelope);
    QVERIFY2(posted.status == 200, qPrintable(describeResult(posted)));
    const QJsonObject moved = awaitMessage(
        s("id"), ours[s("id")].toString(),
        [&](const QJsonObject &m) { return m[s("status")].toString() == status; }, 10000);
    QVERIFY2(moved[s("status")].toString() == status,
             qPrintable(QStringLiteral("status is \"%1\" after Meta's %2 status, expected \"%2\"")
                            .arg(moved[s("status")].toString(), status)));
    if (!error.isEmpty())
        QCOMPARE(moved[s("error")].toString(), error);
}

void TestMetaConformance::textSendHasMetasShape()
{
    const qsizetype before = m_recorder.sends().size();
    const QJsonObject ours = sendText(s("Your parcel ships on Friday."));
    QVERIFY2(!ours.isEmpty(), "a free-flow send was not accepted");
    const RecordedRequest sent = m_recorder.awaitSend(before, kDeadlineMs);
    QCOMPARE(sent.path, QStringLiteral("/v21.0/%1/messages").arg(kPhoneId));
    QCOMPARE(sent.header("Authorization"), "Bearer " + kToken.toUtf8());
    const QJsonObject request = sent.json();
    QStringList problems = shapeProblems(metaSample(s("graph/send-text.request.json")), request,
                                         {s("recipient_type"), s("preview_url")});
    problems << fieldProblems(
        QJsonObject{{s("messaging_product"), s("whatsapp")},
                    {s("type"), s("text")},
                    {s("text"), QJsonObject{{s("body"), s("Your parcel ships on Friday.")}}}},
        request);
    if (digitsOnly(request[s("to")].toString()) != digitsOnly(kCustomer))
        problems << s("$.to is not the customer's number");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; ")) + s("\nsent: ") + sent.describe()));
    // Meta's answer (with message_status) gives the message its wa_message_id.
    QCOMPARE(ours[s("wa_message_id")].toString(), m_recorder.sentWaId(before));
}

void TestMetaConformance::templateSendHasMetasShape_data()
{
    QTest::addColumn<QJsonObject>("templateExtra"); // fields of the template beyond name, body and params
    QTest::addColumn<QString>("body");
    QTest::addColumn<QByteArray>("headerMime");  // a media header uploaded for the send, or empty
    QTest::addColumn<QString>("headerSample");   // graph/ sample whose header component is Meta's shape
    QTest::addColumn<QStringList>("headerTags"); // a text header's parameters, expected in this order
    QTest::addColumn<QStringList>("bodyTags");   // expected in this order
    const QString full = s("Hi {{first_name}}, your order {{order_no}} ships on {{ship_date}}.");
    const QStringList inBodyOrder{s("first_name"), s("order_no"), s("ship_date")};
    QTest::newRow("positional: values go out in the order of the body's placeholders, not the request's")
        << QJsonObject() << full << QByteArray() << QString() << QStringList() << inBodyOrder;
    QTest::newRow("NAMED: each body parameter carries its parameter_name")
        << QJsonObject{{s("parameter_format"), s("NAMED")}} << full << QByteArray() << QString()
        << QStringList() << inBodyOrder;
    QTest::newRow("header text parameter: the header component carries its value")
        << QJsonObject{{s("header"), s("Order {{order_no}}")}}
        << s("Hi {{first_name}}, it ships on {{ship_date}}.") << QByteArray()
        << s("send-template-header-text.request.json") << QStringList{s("order_no")}
        << QStringList{s("first_name"), s("ship_date")};
    QTest::newRow("header image: uploaded to Meta's /media, then sent by its id")
        << QJsonObject{{s("header_format"), s("IMAGE")}} << full << QByteArray("image/jpeg")
        << s("send-template-named.request.json") << QStringList() << inBodyOrder;
    QTest::newRow("header document: uploaded to Meta's /media, then sent by its id")
        << QJsonObject{{s("header_format"), s("DOCUMENT")}} << full << QByteArray("application/pdf")
        << s("send-template-header-document.request.json") << QStringList() << inBodyOrder;
}

void TestMetaConformance::templateSendHasMetasShape()
{
    QFETCH(QJsonObject, templateExtra);
    QFETCH(QString, body);
    QFETCH(QByteArray, headerMime);
    QFETCH(QString, headerSample);
    QFETCH(QStringList, headerTags);
    QFETCH(QStringList, bodyTags);
    const bool named = templateExtra[s("parameter_format")].toString() == QLatin1String("NAMED");
    const QString id = QStringLiteral("tpl-meta-order-%1").arg(++m_templates);
    QJsonObject tmpl{{s("remote_template_id"), id},
                     {s("name"), s("order_shipping")},
                     {s("language"), s("en_US")},
                     {s("category"), s("UTILITY")},
                     {s("body"), body}};
    QJsonArray params,
        values; // declared, and listed in the send, in neither the body's order nor each other's
    for (const char *tag : {"order_no", "ship_date", "first_name"})
        params.append(QJsonObject{{s("tag"), s(tag)}, {s("type"), s("USER_FILL")}});
    for (const char *tag : {"ship_date", "first_name", "order_no"})
        values.append(QJsonObject{{s("tag"), s(tag)}, {s("value"), valueOf(s(tag))}});
    tmpl.insert(s("params"), params);
    for (auto it = templateExtra.constBegin(); it != templateExtra.constEnd(); ++it)
        tmpl.insert(it.key(), it.value());
    const HttpResult added = m_api.post(path(s("templates")), tmpl);
    QVERIFY2(added.status == 201, qPrintable(s("the template was refused: ") + describeResult(added)));

    QJsonObject stm{{s("remote_template_id"), id}, {s("template_params"), values}};
    const qsizetype uploadsBefore = m_recorder.uploads().size();
    const QByteArray headerBytes = bytesFor(QString::fromLatin1(headerMime));
    QString why;
    if (!headerMime.isEmpty()) {
        const QString mediaId = uploadMedia(headerMime, s("header.bin"), headerBytes, &why);
        QVERIFY2(!mediaId.isEmpty(), qPrintable(why));
        stm.insert(s("header_media_id"), mediaId);
    }
    const qsizetype before = m_recorder.sends().size();
    const HttpResult sent = m_api.post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, m_room), stm);
    QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));
    QString metaMediaId;
    if (!headerMime.isEmpty()) {
        metaMediaId = checkedUpload(uploadsBefore, headerMime, s("header.bin"), headerBytes, &why);
        QVERIFY2(!metaMediaId.isEmpty(), qPrintable(why));
    }
    const RecordedRequest request = m_recorder.awaitSend(before, kDeadlineMs);
    QVERIFY2(!request.path.isEmpty(), "the template never reached the Graph API");
    const QJsonObject json = request.json();

    const QJsonObject sample = templateSendSample(named ? s("send-template-named.request.json")
                                                        : s("send-template-positional.request.json"),
                                                  headerSample);
    QStringList problems = shapeProblems(sample, json, {s("recipient_type"), s("policy"), s("filename")});
    problems << fieldProblems(
        QJsonObject{{s("name"), s("order_shipping")}, {s("language"), QJsonObject{{s("code"), s("en_US")}}}},
        json[s("template")], s("$.template"));
    problems << fieldProblems(textParameters(valuesOf(bodyTags), named ? bodyTags : QStringList()),
                              templateComponent(json, s("body"))[s("parameters")], s("$.body.parameters"));
    QJsonArray headerParameters = textParameters(valuesOf(headerTags), named ? headerTags : QStringList());
    if (!headerMime.isEmpty()) {
        const QString kind = headerMime == "image/jpeg" ? s("image") : s("document");
        headerParameters.append(QJsonObject{{s("type"), kind}, {kind, QJsonObject{{s("id"), metaMediaId}}}});
    }
    if (!headerParameters.isEmpty())
        problems << fieldProblems(headerParameters, templateComponent(json, s("header"))[s("parameters")],
                                  s("$.header.parameters"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; ")) + s("\nsent: ") + request.describe()));
}

void TestMetaConformance::mediaSendHasMetasShape_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("mime");
    QTest::addColumn<QString>("filename");
    QTest::addColumn<QString>("caption");
    QTest::newRow("image with a caption")
        << s("image") << QByteArray("image/jpeg") << s("succulent.jpg") << s("The best succulent ever?");
    QTest::newRow("document with a caption and its filename")
        << s("document") << QByteArray("application/pdf") << s("order_abc123.pdf")
        << s("Your order confirmation (PDF)");
}

void TestMetaConformance::mediaSendHasMetasShape()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, mime);
    QFETCH(QString, filename);
    QFETCH(QString, caption);
    const QByteArray bytes = bytesFor(filename);
    const qsizetype uploadsBefore = m_recorder.uploads().size();
    QString why;
    const QString mediaId = uploadMedia(mime, filename, bytes, &why);
    QVERIFY2(!mediaId.isEmpty(), qPrintable(why));
    const qsizetype before = m_recorder.sends().size();
    const HttpResult sent = m_api.post(path(QStringLiteral("chatrooms/%1/messages").arg(m_room)),
                                       QJsonObject{{s("type"), type},
                                                   {s("media_id"), mediaId},
                                                   {s("caption"), caption},
                                                   {s("as_user_id"), m_org.admin.id}});
    QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));
    const QString metaMediaId = checkedUpload(uploadsBefore, mime, filename, bytes, &why);
    QVERIFY2(!metaMediaId.isEmpty(), qPrintable(why));
    const RecordedRequest request = m_recorder.awaitSend(before, kDeadlineMs);
    QVERIFY2(!request.path.isEmpty(), "the media message never reached the Graph API");
    const QJsonObject json = request.json();
    QStringList problems = shapeProblems(metaSample(QStringLiteral("graph/send-%1.request.json").arg(type)),
                                         json, {s("recipient_type")});
    QJsonObject media{{s("id"), metaMediaId}, {s("caption"), caption}};
    if (type == QLatin1String("document"))
        media.insert(s("filename"), filename);
    problems << fieldProblems(
        QJsonObject{{s("messaging_product"), s("whatsapp")}, {s("type"), type}, {type, media}}, json);
    if (digitsOnly(json[s("to")].toString()) != digitsOnly(kCustomer))
        problems << s("$.to is not the customer's number");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(s("; ")) + s("\nsent: ") + request.describe()));
}

QTEST_GUILESS_MAIN(TestMetaConformance)
#include "tst_metaconformance.moc"
