#include "tests/support/orgsetup.h"
#include "tests/support/scenario.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QPainter>
#include <QTcpSocket>
#include <QtTest>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {
constexpr int kDeadlineMs = 20000;
// Five attempts, 1 + 2 + 4 + 8 seconds apart, looked at every 2 seconds: about 20 seconds before a file
// fails.
constexpr int kGiveUpDeadlineMs = 60000;
} // namespace

// Media end to end, against the real server and the simulator playing Meta (API.md, media and rich messages):
// a customer's photo fetched through the Graph API and served with ETag, Range and a thumbnail; downloads
// that fail and recover or never verify; visibility; an agent's PDF uploaded, sent and seen by WhatsApp; and
// the upload limits, which hold at the socket.
class TestMedia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aCustomersPhotoArrivesAsAPicture();
    void aDownloadThatFailsTwiceIsFetchedOnTheThirdTry();
    void bytesThatDoNotMatchTheirHashEndAsFailed();
    void aMemberSeesOnlyTheFilesOfTheirChatrooms();
    void anAgentSendsAPdf();
    void uploadsAreCheckedBeforeTheyAreSent_data();
    void uploadsAreCheckedBeforeTheyAreSent();
    void onlyTwoLargeUploadsAreReadAtOnce();

private:
    // A customer of a new chatroom of alice's sends `bytes` as `kind`; the stored message once `done` holds.
    QJsonObject customerSends(const QString &room, const QString &kind, const QByteArray &bytes,
                              const QString &mime, const std::function<bool(const QJsonObject &)> &done,
                              int timeoutMs = kDeadlineMs);
    QJsonObject awaitMessage(const QString &room, const std::function<bool(const QJsonObject &)> &found,
                             int timeoutMs = kDeadlineMs);
    QString mediaPath(const QString &mediaId) const
    {
        return QStringLiteral("/v1/orgs/%1/media/%2").arg(s.orgId(), mediaId);
    }
    HttpResult upload(const ScenarioUser &agent, const QByteArray &bytes, const QByteArray &mime,
                      const QByteArray &filename);

    Scenario s;
};

namespace {

// A real photo: a gradient with shapes, large enough that the thumbnail is a real reduction.
QByteArray photoJpeg(int width = 1600, int height = 1200)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, width, height);
    gradient.setColorAt(0, QColor(30, 90, 160));
    gradient.setColorAt(1, QColor(240, 200, 80));
    painter.fillRect(image.rect(), gradient);
    painter.setBrush(QColor(200, 40, 40));
    painter.drawEllipse(QPoint(width / 2, height / 2), width / 5, height / 5);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

QByteArray pdfBytes()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                             "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                             "trailer << /Root 1 0 R >>\n%%EOF\n");
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject mediaOf(const QJsonObject &message)
{
    return message.value(QLatin1String("media")).toObject();
}

} // namespace

void TestMedia::initTestCase()
{
    QVERIFY2(s.start(), s.why());
}

QJsonObject TestMedia::awaitMessage(const QString &room,
                                    const std::function<bool(const QJsonObject &)> &found, int timeoutMs)
{
    QJsonObject match;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonValue &m : s.messages(room)) {
                if (found(m.toObject())) {
                    match = m.toObject();
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return match;
}

QJsonObject TestMedia::customerSends(const QString &room, const QString &kind, const QByteArray &bytes,
                                     const QString &mime,
                                     const std::function<bool(const QJsonObject &)> &done, int timeoutMs)
{
    const QJsonObject file{{u"bytes_base64"_s, QString::fromLatin1(bytes.toBase64())},
                           {u"mime_type"_s, mime},
                           {u"caption"_s, u"The parcel arrived like this"_s}};
    const HttpResult sent =
        s.simulator().post(u"/sim/inbound"_s, QJsonObject{{u"from"_s, Scenario::digits(s.phoneOf(room))},
                                                          {u"phone_number_id"_s, Scenario::kPhoneA},
                                                          {kind, file}});
    if (sent.status != 200 || sent.json().value(QLatin1String("status")).toInt() != 200) {
        qWarning().noquote() << "the simulator did not deliver the file:" << describeResult(sent);
        return {};
    }
    return awaitMessage(
        room,
        [&](const QJsonObject &m) { return m.value(QLatin1String("kind")).toString() == kind && done(m); },
        timeoutMs);
}

HttpResult TestMedia::upload(const ScenarioUser &agent, const QByteArray &bytes, const QByteArray &mime,
                             const QByteArray &filename)
{
    return s.as(agent).postRaw(QStringLiteral("/v1/orgs/%1/media").arg(s.orgId()), bytes,
                               {{"Content-Type", mime}, {"X-Filename", filename}});
}

void TestMedia::aCustomersPhotoArrivesAsAPicture()
{
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    const QByteArray photo = photoJpeg();
    const QJsonObject message =
        customerSends(room, u"image"_s, photo, u"image/jpeg"_s, [](const QJsonObject &m) {
            return mediaOf(m).value(QLatin1String("status")).toString() != QLatin1String("pending");
        });
    QVERIFY2(!message.isEmpty(), "the photo never became ready");
    const QJsonObject media = mediaOf(message);
    QCOMPARE(media.value(QLatin1String("status")).toString(), u"ready"_s);
    QCOMPARE(media.value(QLatin1String("sha256")).toString(), sha256Hex(photo));
    QCOMPARE(media.value(QLatin1String("size")).toInteger(), photo.size());
    QCOMPARE(message.value(QLatin1String("text")).toString(), u"The parcel arrived like this"_s);
    // R9: a photo is a customer message: the window is open.
    QVERIFY(!s.chatroom(room).value(QLatin1String("window_expires_at")).isNull());

    HttpClient alice = s.as(s.alice);
    const QString path = mediaPath(media.value(QLatin1String("id")).toString());
    const HttpResult whole = alice.get(path);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, photo);
    QCOMPARE(whole.header("Content-Type"), QByteArray("image/jpeg"));
    const QByteArray etag = whole.header("ETag");
    QCOMPARE(etag, '"' + sha256Hex(photo).toLatin1() + '"');
    QCOMPARE(alice.get(path, {{"If-None-Match", etag}}).status, 304);

    const HttpResult part = alice.get(path, {{"Range", "bytes=100-199"}});
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, photo.mid(100, 100));
    QCOMPARE(part.header("Content-Range"), "bytes 100-199/" + QByteArray::number(photo.size()));
    const HttpResult beyond = alice.get(path, {{"Range", "bytes=99999999-"}});
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), "bytes */" + QByteArray::number(photo.size()));

    const HttpResult thumb = alice.get(path + u"?variant=thumb"_s);
    QCOMPARE(thumb.status, 200);
    QCOMPARE(thumb.header("Content-Type"), QByteArray("image/jpeg"));
    const QImage small = QImage::fromData(thumb.body, "JPEG");
    QVERIFY(!small.isNull());
    QCOMPARE(std::max(small.width(), small.height()), 320);
    QCOMPARE(small.width() * 3, small.height() * 4); // the photo's 4:3 kept
    QCOMPARE(alice.get(path + u"?variant=poster"_s).status, 400);
}

void TestMedia::aDownloadThatFailsTwiceIsFetchedOnTheThirdTry()
{
    const HttpResult fault = s.simulator().post(
        u"/sim/media-faults"_s,
        QJsonObject{{u"target"_s, u"download"_s}, {u"fail_times"_s, 2}, {u"status"_s, 503}});
    QVERIFY2(fault.status == 200 || fault.status == 201, qPrintable(describeResult(fault)));
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    const QByteArray photo = photoJpeg(640, 480);
    const QJsonObject message =
        customerSends(room, u"image"_s, photo, u"image/jpeg"_s, [](const QJsonObject &m) {
            return mediaOf(m).value(QLatin1String("status")).toString() != QLatin1String("pending");
        });
    QVERIFY2(!message.isEmpty(), "the photo never left pending");
    QCOMPARE(mediaOf(message).value(QLatin1String("status")).toString(), u"ready"_s);
    QCOMPARE(s.as(s.alice).get(mediaPath(mediaOf(message).value(QLatin1String("id")).toString())).body,
             photo);
}

void TestMedia::bytesThatDoNotMatchTheirHashEndAsFailed()
{
    const HttpResult fault = s.simulator().post(
        u"/sim/media-faults"_s,
        QJsonObject{{u"target"_s, u"download"_s}, {u"fail_times"_s, 1000}, {u"corrupt"_s, true}});
    QVERIFY2(fault.status == 200 || fault.status == 201, qPrintable(describeResult(fault)));
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    const QJsonObject message = customerSends(
        room, u"document"_s, pdfBytes(), u"application/pdf"_s,
        [](const QJsonObject &m) {
            return mediaOf(m).value(QLatin1String("status")).toString() != QLatin1String("pending");
        },
        kGiveUpDeadlineMs);
    QVERIFY2(!message.isEmpty(), "the document never left pending");
    QCOMPARE(mediaOf(message).value(QLatin1String("status")).toString(), u"failed"_s);
    const HttpResult served =
        s.as(s.alice).get(mediaPath(mediaOf(message).value(QLatin1String("id")).toString()));
    QCOMPARE(served.status, 404);
    QVERIFY(s.simulator().send("DELETE", u"/sim/media-faults"_s, {}).status == 200);
}

void TestMedia::aMemberSeesOnlyTheFilesOfTheirChatrooms()
{
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    const QJsonObject message =
        customerSends(room, u"image"_s, photoJpeg(320, 240), u"image/jpeg"_s, [](const QJsonObject &m) {
            return mediaOf(m).value(QLatin1String("status")).toString() == QLatin1String("ready");
        });
    QVERIFY(!message.isEmpty());
    const QString path = mediaPath(mediaOf(message).value(QLatin1String("id")).toString());
    QCOMPARE(s.as(s.alice).get(path).status, 200);
    const HttpResult bob = s.as(s.bob).get(path); // a MEMBER who does not take part
    QCOMPARE(bob.status, 404);
    QCOMPARE(bob.json().value(QLatin1String("error_code")).toInt(), 4040001);
    QCOMPARE(s.as(s.admin).get(path).status, 200);
    QCOMPARE(s.as(s.alice).get(mediaPath(u"no-such-file"_s)).status, 404);
}

void TestMedia::anAgentSendsAPdf()
{
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    QVERIFY(s.customerWrites(s.phoneOf(room), u"Can you send me the invoice?"_s)); // R19: the window opens
    const QByteArray pdf = pdfBytes();
    const HttpResult uploaded = upload(s.alice, pdf, "application/pdf", "invoice%20M%C3%BCller.pdf");
    QVERIFY2(uploaded.status == 201, qPrintable(describeResult(uploaded)));
    QCOMPARE(uploaded.json().value(QLatin1String("filename")).toString(), u"invoice Müller.pdf"_s);
    QCOMPARE(uploaded.json().value(QLatin1String("sha256")).toString(), sha256Hex(pdf));
    const QString mediaId = uploaded.string(u"id"_s);
    const HttpResult sent = s.as(s.alice).post(
        QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(s.orgId(), room),
        QJsonObject{{u"type"_s, u"document"_s}, {u"media_id"_s, mediaId}, {u"caption"_s, u"Your invoice"_s}});
    QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));

    // WhatsApp (the simulator) received the file and the message that shows it.
    QJsonObject seen;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonValue &m : s.simulatorMessages(s.phoneOf(room))) {
                if (m.toObject().value(QLatin1String("type")).toString() == QLatin1String("document"))
                    seen = m.toObject();
            }
            return !seen.isEmpty();
        },
        kDeadlineMs);
    QVERIFY2(!seen.isEmpty(), "the simulator never received the document");
    const QJsonObject media = seen.value(QLatin1String("media")).toObject();
    QCOMPARE(media.value(QLatin1String("sha256")).toString(), sha256Hex(pdf));
    QCOMPARE(media.value(QLatin1String("filename")).toString(), u"invoice Müller.pdf"_s);
    QCOMPARE(media.value(QLatin1String("caption")).toString(), u"Your invoice"_s);
    const QJsonObject stored = awaitMessage(room, [&](const QJsonObject &m) {
        return m.value(QLatin1String("kind")).toString() == QLatin1String("document") &&
               m.value(QLatin1String("status")).toString() == QLatin1String("sent");
    });
    QVERIFY2(!stored.isEmpty(), "the document message never showed as sent");
    QCOMPARE(mediaOf(stored).value(QLatin1String("id")).toString(), mediaId);
    // The agent's own file is served back like any other.
    QCOMPARE(s.as(s.alice).get(mediaPath(mediaId)).body, pdf);
    // An upload goes out once.
    const HttpResult again =
        s.as(s.alice).post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(s.orgId(), room),
                           QJsonObject{{u"type"_s, u"document"_s}, {u"media_id"_s, mediaId}});
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json().value(QLatin1String("error_code")).toInt(), 4000002);
}

void TestMedia::uploadsAreCheckedBeforeTheyAreSent_data()
{
    QTest::addColumn<QByteArray>("mime");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<QString>("sendAs"); // empty: the upload itself is refused
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    QTest::newRow("an image over WhatsApp's 5 MB is 413")
        << QByteArray("image/jpeg") << (5 * 1024 * 1024 + 1) << QString() << 413 << 4130001;
    QTest::newRow("an empty file is refused")
        << QByteArray("application/pdf") << 0 << QString() << 400 << 4000002;
    QTest::newRow("a body without a media type is refused")
        << QByteArray() << 10 << QString() << 400 << 4000002;
    QTest::newRow("a PDF cannot go out as an image")
        << QByteArray("application/pdf") << 100 << u"image"_s << 400 << 4000002;
    QTest::newRow("a sticker is not something an agent sends")
        << QByteArray("image/webp") << 100 << u"sticker"_s << 400 << 4000002;
}

void TestMedia::uploadsAreCheckedBeforeTheyAreSent()
{
    QFETCH(QByteArray, mime);
    QFETCH(int, bytes);
    QFETCH(QString, sendAs);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    const HttpResult uploaded = upload(s.alice, QByteArray(bytes, 'x'), mime, "file.bin");
    if (sendAs.isEmpty()) {
        QCOMPARE(uploaded.status, status);
        QCOMPARE(uploaded.json().value(QLatin1String("error_code")).toInt(), errorCode);
        return;
    }
    QCOMPARE(uploaded.status, 201);
    const QString room = s.newChatroom(QJsonObject{{u"user_id"_s, s.alice.id}});
    QVERIFY(s.customerWrites(s.phoneOf(room), u"Hello"_s));
    const HttpResult sent =
        s.as(s.alice).post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(s.orgId(), room),
                           QJsonObject{{u"type"_s, sendAs}, {u"media_id"_s, uploaded.string(u"id"_s)}});
    QCOMPARE(sent.status, status);
    QCOMPARE(sent.json().value(QLatin1String("error_code")).toInt(), errorCode);
}

// Two uploads may hold their bodies at once; a third is told to come back, and a large body without
// credentials is refused from its head.
void TestMedia::onlyTwoLargeUploadsAreReadAtOnce()
{
    const QUrl url = s.server().url();
    const QByteArray head =
        "POST /v1/orgs/" + s.orgId().toLatin1() +
        "/media HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 4000000\r\n"
        "Authorization: Bearer " +
        s.alice.token.toLatin1() + "\r\n\r\n";
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 2; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(url.host(), quint16(url.port()));
        QVERIFY(socket->waitForConnected(5000));
        socket->write(head + QByteArray(64 * 1024, 'x'));
        QVERIFY(socket->waitForBytesWritten(5000));
        held.push_back(std::move(socket));
    }
    QTest::qWait(200); // both heads read by the server (each holds a slot from then on)
    const HttpResult third = upload(s.alice, QByteArray(2 * 1024 * 1024, 'x'), "image/jpeg", "third.jpg");
    QCOMPARE(third.status, 503);
    QCOMPARE(third.header("Retry-After"), QByteArray("1"));
    // A large body without credentials gets the usual limit, at its head.
    QTcpSocket anonymous;
    anonymous.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(anonymous.waitForConnected(5000));
    anonymous.write(
        "POST /v1/orgs/" + s.orgId().toLatin1() +
        "/media HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 4000000\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return anonymous.bytesAvailable() > 0; }, 5000));
    QVERIFY2(anonymous.readAll().startsWith("HTTP/1.1 413"),
             "a large anonymous body was not refused at its head");
    // Once one upload ends, the next is read.
    held.front()->abort();
    held.erase(held.begin());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return upload(s.alice, QByteArray(2 * 1024 * 1024, 'x'), "image/jpeg", "next.jpg").status == 201;
        },
        5000));
}

QTEST_GUILESS_MAIN(TestMedia)
#include "tst_media.moc"
