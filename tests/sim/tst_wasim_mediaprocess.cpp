// Media and rich messages through the real handover-wa-sim executable, as the server meets them: uploads and
// media sends read back from /sim/messages, customer photos posted as signed webhooks and fetched with the
// bearer token, statuses with conversation and pricing, and the faults tests arm for downloads.

#include "simprocess.h"
#include "simtesthelpers.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using simtest::httpCall;
using simtest::HttpResult;
using simtest::object;
using simtest::toJson;

namespace {

const QByteArray kSecret = QByteArrayLiteral("media-secret");
const QByteArray kToken = QByteArrayLiteral("media-token");
const QString kPhoneId = QStringLiteral("106540352242922");
const QString kCustomer = QStringLiteral("919999990001");
const QByteArray kPhoto = QByteArrayLiteral("\xff\xd8\xff\xe0 a photo of a scratched table top");

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

QList<std::pair<QByteArray, QByteArray>> bearer(const QByteArray &token = kToken)
{
    return {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token}};
}

} // namespace

class TestWaSimMediaProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void uploadedPhotoIsSentAndReadBack();
    void uploadedDocumentKeepsItsFilename();
    void uploadsAreRefusedAsMetaRefusesThem();
    void mediaSendsAreCheckedAgainstUploads();
    void customerPhotoIsFetchedWithTheBearerOnly();
    void downloadFaultsFailTheNextMediaAsArmed();
    void lookupFaultsAnswerWithMetasError();
    void corruptFaultBreaksTheDigest();
    void deletedMediaNoLongerExists();
    void statusesCarryConversationPricingAndPlayed();
    void richKindsReachTheServerSigned_data();
    void richKindsReachTheServerSigned();
    void badInboundRequestsPostNothing();
    void mediaOfOnePhoneIsHiddenFromAnothersToken();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) + pathAndQuery);
    }
    HttpResult upload(const QByteArray &mimeType, const QByteArray &bytes, const QString &filename,
                      const QByteArray &token = kToken, bool withProduct = true);
    QString uploadedId(const QByteArray &mimeType, const QByteArray &bytes, const QString &filename);
    HttpResult send(const QJsonObject &request);
    HttpResult inbound(const QJsonObject &kind);
    QJsonObject lastSentTo(const QString &customer);
    QJsonObject receivedMessage(qsizetype index = -1) const;

    std::unique_ptr<simtest::WebhookReceiver> m_receiver;
    QProcess m_process;
    quint16 m_port = 0;
};

void TestWaSimMediaProcess::initTestCase()
{
    m_receiver = std::make_unique<simtest::WebhookReceiver>();
    QVERIFY(m_receiver->isListening());
    QString readyLine;
    m_port = simtest::startSimulator(m_process,
                                     {QStringLiteral("--webhook-url"), m_receiver->url().toString(),
                                      QStringLiteral("--access-token"), QString::fromLatin1(kToken)},
                                     kSecret, &readyLine);
    QVERIFY2(m_port != 0, qPrintable(readyLine));
}

void TestWaSimMediaProcess::cleanupTestCase()
{
    simtest::stopSimulator(m_process);
}

void TestWaSimMediaProcess::init()
{
    QVERIFY(m_port != 0);
    QCOMPARE(m_process.state(), QProcess::Running);
    m_receiver->received.clear();
    QCOMPARE(httpCall("DELETE", url(QStringLiteral("/sim/media-faults"))).status, 200);
}

HttpResult TestWaSimMediaProcess::upload(const QByteArray &mimeType, const QByteArray &bytes,
                                         const QString &filename, const QByteArray &token, bool withProduct)
{
    // Qt's own multipart writer, independent of the simulator's reader.
    QHttpMultiPart form(QHttpMultiPart::FormDataType);
    const auto field = [&form](const QByteArray &disposition, const QByteArray &value) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader, disposition);
        part.setBody(value);
        form.append(part);
    };
    if (withProduct)
        field("form-data; name=\"messaging_product\"", "whatsapp");
    field("form-data; name=\"type\"", mimeType);
    QHttpPart file;
    file.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QByteArray(QByteArrayLiteral("form-data; name=\"file\"; filename=\"") + filename.toUtf8() + '"'));
    file.setHeader(QNetworkRequest::ContentTypeHeader, mimeType);
    file.setBody(bytes);
    form.append(file);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/media")));
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = network.post(request, &form);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    delete reply;
    return result;
}

QString TestWaSimMediaProcess::uploadedId(const QByteArray &mimeType, const QByteArray &bytes,
                                          const QString &filename)
{
    const HttpResult answer = upload(mimeType, bytes, filename);
    // Meta's "Upload Image JSON" answer: {"id"} and nothing else.
    if (answer.status != 200 || answer.json().keys() != QStringList{QStringLiteral("id")})
        return {};
    return answer.json()[QStringLiteral("id")].toString();
}

HttpResult TestWaSimMediaProcess::send(const QJsonObject &request)
{
    QJsonObject body = request;
    body.insert(QStringLiteral("messaging_product"), QStringLiteral("whatsapp"));
    body.insert(QStringLiteral("recipient_type"), QStringLiteral("individual"));
    body.insert(QStringLiteral("to"), kCustomer);
    return httpCall("POST", url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/messages")),
                    toJson(body), bearer());
}

HttpResult TestWaSimMediaProcess::inbound(const QJsonObject &kind)
{
    QJsonObject body = kind;
    body.insert(QStringLiteral("from"), kCustomer);
    body.insert(QStringLiteral("phone_number_id"), kPhoneId);
    return httpCall("POST", url(QStringLiteral("/sim/inbound")), toJson(body));
}

QJsonObject TestWaSimMediaProcess::lastSentTo(const QString &customer)
{
    return httpCall("GET", url(QStringLiteral("/sim/messages?to=") + customer))
        .json()[QStringLiteral("messages")]
        .toArray()
        .last()
        .toObject();
}

QJsonObject TestWaSimMediaProcess::receivedMessage(qsizetype index) const
{
    const simtest::ReceivedWebhook &hook =
        index < 0 ? m_receiver->received.last() : m_receiver->received.at(index);
    return hook.value()[QStringLiteral("messages")][0].toObject();
}

void TestWaSimMediaProcess::uploadedPhotoIsSentAndReadBack()
{
    const QString mediaId = uploadedId("image/jpeg", kPhoto, QStringLiteral("scratch.jpg"));
    QVERIFY(!mediaId.isEmpty());
    const HttpResult sent =
        send(object({{"type", QStringLiteral("image")},
                     {"image", object({{"id", mediaId}, {"caption", QStringLiteral("Here")}})}}));
    QCOMPARE(sent.status, 200);
    const QString waMessageId = sent.json()[QStringLiteral("messages")][0][QStringLiteral("id")].toString();
    QCOMPARE(sent.json()[QStringLiteral("messages")][0][QStringLiteral("message_status")].toString(),
             QStringLiteral("accepted"));

    const QJsonObject recorded = lastSentTo(kCustomer);
    QCOMPARE(recorded[QStringLiteral("wa_message_id")].toString(), waMessageId);
    QCOMPARE(recorded[QStringLiteral("type")].toString(), QStringLiteral("image"));
    const QJsonObject media = recorded[QStringLiteral("media")].toObject();
    QCOMPARE(media[QStringLiteral("id")].toString(), mediaId);
    QCOMPARE(media[QStringLiteral("caption")].toString(), QStringLiteral("Here"));
    QCOMPARE(media[QStringLiteral("mime_type")].toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(media[QStringLiteral("sha256")].toString(), QString::fromLatin1(sha256(kPhoto).toHex()));
    QCOMPARE(media[QStringLiteral("file_size")].toInteger(), kPhoto.size());
}

void TestWaSimMediaProcess::uploadedDocumentKeepsItsFilename()
{
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n% a receipt\n%%EOF\n");
    const QString mediaId = uploadedId("application/pdf", pdf, QStringLiteral("receipt.pdf"));
    QVERIFY(!mediaId.isEmpty());
    QCOMPARE(send(object({{"type", QStringLiteral("document")},
                          {"document", object({{"id", mediaId},
                                               {"caption", QStringLiteral("Your receipt")},
                                               {"filename", QStringLiteral("receipt-1001.pdf")}})}}))
                 .status,
             200);
    const QJsonObject media = lastSentTo(kCustomer)[QStringLiteral("media")].toObject();
    QCOMPARE(media[QStringLiteral("type")].toString(), QStringLiteral("document"));
    QCOMPARE(media[QStringLiteral("filename")].toString(), QStringLiteral("receipt-1001.pdf"));
    QCOMPARE(media[QStringLiteral("caption")].toString(), QStringLiteral("Your receipt"));
    QCOMPARE(media[QStringLiteral("sha256")].toString(), QString::fromLatin1(sha256(pdf).toHex()));
}

void TestWaSimMediaProcess::uploadsAreRefusedAsMetaRefusesThem()
{
    const auto refusedWith = [](const HttpResult &answer, int status, int code) {
        return answer.status == status &&
               answer.json()[QStringLiteral("error")][QStringLiteral("code")].toInt() == code;
    };
    const QByteArray overImageLimit(5 * 1024 * 1024 + 1, 'i');
    QVERIFY(refusedWith(upload("image/jpeg", overImageLimit, QStringLiteral("big.jpg")), 400, 100));
    QCOMPARE(upload("image/jpeg", overImageLimit.left(5 * 1024 * 1024), QStringLiteral("ok.jpg")).status,
             200);
    QVERIFY(refusedWith(upload("image/webp", QByteArray(500 * 1024 + 1, 's'), QStringLiteral("s.webp")), 400,
                        100));
    QVERIFY(refusedWith(upload("image/gif", "GIF89a", QStringLiteral("a.gif")), 400, 100));
    QVERIFY(refusedWith(upload("image/png", "png", QStringLiteral("a.png"), kToken, false), 400, 100));
    QVERIFY(refusedWith(upload("image/png", "png", QStringLiteral("a.png"), "wrong-token"), 401, 190));
    const HttpResult notMultipart = httpCall(
        "POST", url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/media")), "{}", bearer());
    QVERIFY(refusedWith(notMultipart, 400, 100));
    QVERIFY(
        notMultipart.json()[QStringLiteral("error")][QStringLiteral("error_data")][QStringLiteral("details")]
            .toString()
            .contains(QStringLiteral("multipart")));
}

void TestWaSimMediaProcess::mediaSendsAreCheckedAgainstUploads()
{
    const HttpResult unknown = send(
        object({{"type", QStringLiteral("image")}, {"image", object({{"id", QStringLiteral("1234")}})}}));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 131009);

    const QString voice = uploadedId("audio/ogg", "OggS voice", QStringLiteral("v.ogg"));
    QVERIFY(!voice.isEmpty());
    const HttpResult wrongKind =
        send(object({{"type", QStringLiteral("image")}, {"image", object({{"id", voice}})}}));
    QCOMPARE(wrongKind.status, 400);
    QCOMPARE(wrongKind.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 131009);
    QCOMPARE(send(object({{"type", QStringLiteral("audio")}, {"audio", object({{"id", voice}})}})).status,
             200);

    const HttpResult captionedAudio =
        send(object({{"type", QStringLiteral("audio")},
                     {"audio", object({{"id", voice}, {"caption", QStringLiteral("x")}})}}));
    QCOMPARE(captionedAudio.status, 400);
    QCOMPARE(captionedAudio.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 100);
}

void TestWaSimMediaProcess::customerPhotoIsFetchedWithTheBearerOnly()
{
    const HttpResult answer =
        inbound(object({{"image", object({{"bytes_base64", QString::fromLatin1(kPhoto.toBase64())},
                                          {"mime_type", QStringLiteral("image/jpeg")},
                                          {"caption", QStringLiteral("The scratch")}})}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("status")].toInt(), 200);
    const QString mediaId = answer.json()[QStringLiteral("media_id")].toString();
    QVERIFY(!mediaId.isEmpty());

    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    QCOMPARE(hook.signature, simtest::expectedSignature(hook.body, kSecret));
    const QJsonObject message = receivedMessage();
    QCOMPARE(message[QStringLiteral("type")].toString(), QStringLiteral("image"));
    const QJsonObject image = message[QStringLiteral("image")].toObject();
    QCOMPARE(image[QStringLiteral("id")].toString(), mediaId);
    QCOMPARE(image[QStringLiteral("mime_type")].toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(image[QStringLiteral("caption")].toString(), QStringLiteral("The scratch"));
    QCOMPARE(image[QStringLiteral("sha256")].toString(), QString::fromLatin1(sha256(kPhoto).toBase64()));
    // Meta's webhook names a download URL too; it takes the bearer like the node's.
    QCOMPARE(httpCall("GET", QUrl(image[QStringLiteral("url")].toString()), {}, bearer()).body, kPhoto);

    // GET /{media-id}, as the server's fetch starts.
    QCOMPARE(httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId)).status, 401);
    const HttpResult node = httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId), {}, bearer());
    QCOMPARE(node.status, 200);
    QCOMPARE(node.json()[QStringLiteral("id")].toString(), mediaId);
    QCOMPARE(node.json()[QStringLiteral("messaging_product")].toString(), QStringLiteral("whatsapp"));
    QCOMPARE(node.json()[QStringLiteral("mime_type")].toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(node.json()[QStringLiteral("sha256")].toString(), QString::fromLatin1(sha256(kPhoto).toHex()));
    QCOMPARE(node.json()[QStringLiteral("file_size")].toString(), QString::number(kPhoto.size()));
    QCOMPARE(httpCall("GET",
                      url(QStringLiteral("/v21.0/") + mediaId + QStringLiteral("?phone_number_id=999")), {},
                      bearer())
                 .status,
             400);

    // The download URL it names: the bytes with the bearer, nothing without it or with another.
    const QUrl download(node.json()[QStringLiteral("url")].toString());
    QCOMPARE(download.port(), m_port);
    const HttpResult bytes = httpCall("GET", download, {}, bearer());
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.body, kPhoto);
    QCOMPARE(bytes.header("Content-Type"), QByteArray("image/jpeg"));
    QCOMPARE(httpCall("GET", download).status, 401);
    QCOMPARE(httpCall("GET", download, {}, bearer("another-token")).status, 401);
    QUrl tampered = download;
    tampered.setQuery(download.query().replace(QStringLiteral("hash="), QStringLiteral("hash=0")));
    QCOMPARE(httpCall("GET", tampered, {}, bearer()).status, 404);
}

void TestWaSimMediaProcess::downloadFaultsFailTheNextMediaAsArmed()
{
    const HttpResult armed =
        httpCall("POST", url(QStringLiteral("/sim/media-faults")), R"({"fail_times":2,"status":500})");
    QCOMPARE(armed.status, 200);
    QCOMPARE(armed.json(), object({{"media_id", QJsonValue()},
                                   {"target", QStringLiteral("download")},
                                   {"fail_times", 2},
                                   {"status", 500}}));
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4 invoice");
    const HttpResult sent =
        inbound(object({{"document", object({{"bytes_base64", QString::fromLatin1(pdf.toBase64())},
                                             {"mime_type", QStringLiteral("application/pdf")},
                                             {"filename", QStringLiteral("invoice.pdf")}})}}));
    QCOMPARE(sent.status, 200);
    const QString mediaId = sent.json()[QStringLiteral("media_id")].toString();
    QCOMPARE(receivedMessage()[QStringLiteral("document")][QStringLiteral("filename")].toString(),
             QStringLiteral("invoice.pdf"));

    const QUrl download(httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId), {}, bearer())
                            .json()[QStringLiteral("url")]
                            .toString());
    QCOMPARE(httpCall("GET", download, {}, bearer()).status, 500);
    QCOMPARE(httpCall("GET", download, {}, bearer()).status, 500);
    const HttpResult third = httpCall("GET", download, {}, bearer());
    QCOMPARE(third.status, 200);
    QCOMPARE(third.body, pdf);
}

void TestWaSimMediaProcess::lookupFaultsAnswerWithMetasError()
{
    const QString mediaId = uploadedId("image/png", "\x89PNG tiny", QStringLiteral("a.png"));
    QVERIFY(!mediaId.isEmpty());
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/media-faults")),
                      toJson(object(
                          {{"media_id", mediaId}, {"target", QStringLiteral("lookup")}, {"status", 503}})))
                 .status,
             200);
    const HttpResult failed = httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId), {}, bearer());
    QCOMPARE(failed.status, 503);
    QCOMPARE(failed.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 2);
    QCOMPARE(httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId), {}, bearer()).status, 200);

    QCOMPARE(
        httpCall("POST", url(QStringLiteral("/sim/media-faults")), R"({"media_id":"1","status":500})").status,
        404);
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/media-faults")), R"({"fail_time":2})").status, 400);
}

void TestWaSimMediaProcess::corruptFaultBreaksTheDigest()
{
    const QString mediaId = uploadedId("image/jpeg", kPhoto, QStringLiteral("c.jpg"));
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/media-faults")),
                      toJson(object({{"media_id", mediaId}, {"corrupt", true}})))
                 .status,
             200);
    const HttpResult node = httpCall("GET", url(QStringLiteral("/v21.0/") + mediaId), {}, bearer());
    const HttpResult bytes =
        httpCall("GET", QUrl(node.json()[QStringLiteral("url")].toString()), {}, bearer());
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.body.size(), kPhoto.size());
    QVERIFY(sha256(bytes.body).toHex() != node.json()[QStringLiteral("sha256")].toString().toLatin1());
}

void TestWaSimMediaProcess::deletedMediaNoLongerExists()
{
    const QString mediaId = uploadedId("image/jpeg", kPhoto, QStringLiteral("d.jpg"));
    const QUrl node = url(QStringLiteral("/v21.0/") + mediaId);
    const QUrl download(httpCall("GET", node, {}, bearer()).json()[QStringLiteral("url")].toString());
    QCOMPARE(httpCall("DELETE", node, {}, bearer()).json(), object({{"success", true}}));
    const HttpResult gone = httpCall("GET", node, {}, bearer());
    QCOMPARE(gone.status, 400);
    QCOMPARE(gone.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 100);
    QCOMPARE(httpCall("GET", download, {}, bearer()).status, 404);
}

void TestWaSimMediaProcess::statusesCarryConversationPricingAndPlayed()
{
    const QString voice = uploadedId("audio/ogg", "OggS note", QStringLiteral("n.ogg"));
    const QString waMessageId =
        send(object({{"type", QStringLiteral("audio")}, {"audio", object({{"id", voice}})}}))
            .json()[QStringLiteral("messages")][0][QStringLiteral("id")]
            .toString();
    for (const char *status : {"sent", "delivered", "played"}) {
        const HttpResult answer = httpCall(
            "POST", url(QStringLiteral("/sim/status")),
            toJson(object({{"wa_message_id", waMessageId}, {"status", QString::fromLatin1(status)}})));
        QCOMPARE(answer.status, 200);
    }
    QCOMPARE(m_receiver->received.size(), 3);
    const QString textId =
        send(object({{"type", QStringLiteral("text")}, {"text", object({{"body", QStringLiteral("hi")}})}}))
            .json()[QStringLiteral("messages")][0][QStringLiteral("id")]
            .toString();
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/status")),
                      toJson(object({{"wa_message_id", textId}, {"status", QStringLiteral("played")}})))
                 .status,
             400); // only voice messages are played
    QCOMPARE(m_receiver->received.size(), 3);
    const auto statusAt = [this](qsizetype i) {
        return m_receiver->received.at(i).value()[QStringLiteral("statuses")][0].toObject();
    };
    const QJsonObject sent = statusAt(0);
    QCOMPARE(sent[QStringLiteral("pricing")].toObject(),
             object({{"billable", false},
                     {"pricing_model", QStringLiteral("PMP")},
                     {"type", QStringLiteral("free_customer_service")},
                     {"category", QStringLiteral("service")}}));
    QVERIFY(sent[QStringLiteral("conversation")][QStringLiteral("expiration_timestamp")].isString());
    QCOMPARE(statusAt(1)[QStringLiteral("conversation")][QStringLiteral("id")],
             sent[QStringLiteral("conversation")][QStringLiteral("id")]);
    QCOMPARE(statusAt(2)[QStringLiteral("status")].toString(), QStringLiteral("played"));
    QVERIFY(!statusAt(2).contains(QStringLiteral("conversation")));
    QVERIFY(!statusAt(2).contains(QStringLiteral("pricing")));

    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/status")),
                      toJson(object({{"wa_message_id", waMessageId},
                                     {"status", QStringLiteral("failed")},
                                     {"error", object({{"code", 131053},
                                                       {"title", QStringLiteral("Media upload error")}})}})))
                 .status,
             200);
    const QJsonObject failed = statusAt(3);
    QVERIFY(!failed.contains(QStringLiteral("pricing")));
    QCOMPARE(failed[QStringLiteral("errors")][0][QStringLiteral("href")].toString(),
             QStringLiteral("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"));
}

void TestWaSimMediaProcess::richKindsReachTheServerSigned_data()
{
    QTest::addColumn<QJsonObject>("kind");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("member");
    QTest::newRow("A shared location is a location message")
        << object({{"location",
                    object({{"latitude", 9.93}, {"longitude", 76.26}, {"name", QStringLiteral("Store")}})}})
        << QStringLiteral("location") << QStringLiteral("location");
    QTest::newRow("Contact cards are a contacts message")
        << object({{"contacts",
                    QJsonArray{object({{"name", object({{"formatted_name", QStringLiteral("Ravi")}})}})}}})
        << QStringLiteral("contacts") << QStringLiteral("contacts");
    QTest::newRow("A reaction is a reaction message")
        << object({{"reaction",
                    object({{"message_id", QStringLiteral("wamid.X")}, {"emoji", QStringLiteral(":)")}})}})
        << QStringLiteral("reaction") << QStringLiteral("reaction");
    QTest::newRow("A list choice is an interactive message")
        << object({{"list_reply", object({{"id", QStringLiteral("a")}, {"title", QStringLiteral("A")}})}})
        << QStringLiteral("interactive") << QStringLiteral("interactive");
    QTest::newRow("A button reply is an interactive message")
        << object({{"button_reply", object({{"id", QStringLiteral("b")}, {"title", QStringLiteral("B")}})}})
        << QStringLiteral("interactive") << QStringLiteral("interactive");
    QTest::newRow("An unsupported message carries errors")
        << object({{"unsupported", true}}) << QStringLiteral("unsupported") << QStringLiteral("errors");
    QTest::newRow("A sticker is stored and posted")
        << object({{"sticker", object({{"bytes_base64", QStringLiteral("UklGRg==")},
                                       {"mime_type", QStringLiteral("image/webp")}})}})
        << QStringLiteral("sticker") << QStringLiteral("sticker");
}

void TestWaSimMediaProcess::richKindsReachTheServerSigned()
{
    QFETCH(QJsonObject, kind);
    QFETCH(QString, type);
    QFETCH(QString, member);
    const HttpResult answer = inbound(kind);
    QCOMPARE(answer.status, 200);
    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    QCOMPARE(hook.signature, simtest::expectedSignature(hook.body, kSecret));
    QCOMPARE(receivedMessage()[QStringLiteral("type")].toString(), type);
    QVERIFY(receivedMessage().contains(member));
}

void TestWaSimMediaProcess::badInboundRequestsPostNothing()
{
    const QList<QJsonObject> bad{
        object({{"image", object({{"bytes_base64", QStringLiteral("AA==")},
                                  {"mime_type", QStringLiteral("text/plain")}})}}),
        object({{"image", object({{"bytes_base64",
                                   QString::fromLatin1(QByteArray(5 * 1024 * 1024 + 1, 'x').toBase64())},
                                  {"mime_type", QStringLiteral("image/jpeg")}})}}),
        object({{"location", object({{"latitude", 100}, {"longitude", 0}})}}),
        object({{"text", QStringLiteral("hi")},
                {"reaction", object({{"message_id", QStringLiteral("w")}, {"emoji", QString()}})}}),
        object({}),
    };
    for (const QJsonObject &kind : bad) {
        const HttpResult answer = inbound(kind);
        QCOMPARE(answer.status, 400);
        QVERIFY(!answer.json()[QStringLiteral("error")].toString().isEmpty());
    }
    QCOMPARE(m_receiver->received.size(), 0);
}

void TestWaSimMediaProcess::mediaOfOnePhoneIsHiddenFromAnothersToken()
{
    QProcess strict;
    QString readyLine;
    const quint16 port = simtest::startSimulator(strict,
                                                 {QStringLiteral("--phone"), QStringLiteral("4242:EAAG-a"),
                                                  QStringLiteral("--phone"), QStringLiteral("5353:EAAG-b")},
                                                 kSecret, &readyLine);
    QVERIFY2(port != 0, qPrintable(readyLine));
    const auto at = [port](const QString &path) {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    };
    const HttpResult sent =
        httpCall("POST", at(QStringLiteral("/sim/inbound")),
                 toJson(object({{"from", kCustomer},
                                {"phone_number_id", QStringLiteral("4242")},
                                {"image", object({{"bytes_base64", QString::fromLatin1(kPhoto.toBase64())},
                                                  {"mime_type", QStringLiteral("image/jpeg")}})}})));
    const QString mediaId = sent.json()[QStringLiteral("media_id")].toString();
    QVERIFY(!mediaId.isEmpty());
    const QUrl node = at(QStringLiteral("/v21.0/") + mediaId);
    const HttpResult own = httpCall("GET", node, {}, bearer("EAAG-a"));
    QCOMPARE(own.status, 200);
    const QUrl download(own.json()[QStringLiteral("url")].toString());

    const HttpResult other = httpCall("GET", node, {}, bearer("EAAG-b"));
    QCOMPARE(other.status, 400); // does not exist for that token
    QCOMPARE(other.json()[QStringLiteral("error")][QStringLiteral("error_subcode")].toInt(), 33);
    QCOMPARE(httpCall("GET", node, {}, bearer("EAAG-unknown")).status, 401);
    QCOMPARE(httpCall("GET", download, {}, bearer("EAAG-b")).status, 404);
    QCOMPARE(httpCall("GET", download, {}, bearer("EAAG-a")).body, kPhoto);
    const HttpResult reused = httpCall("POST", at(QStringLiteral("/v21.0/5353/messages")),
                                       toJson(object({{"messaging_product", QStringLiteral("whatsapp")},
                                                      {"to", kCustomer},
                                                      {"type", QStringLiteral("image")},
                                                      {"image", object({{"id", mediaId}})}})),
                                       bearer("EAAG-b"));
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 131009);
    simtest::stopSimulator(strict);
}

QTEST_GUILESS_MAIN(TestWaSimMediaProcess)
#include "tst_wasim_mediaprocess.moc"
