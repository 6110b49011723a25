// The console's window with a conversation of rich messages, against the real server: the customer's photo
// (posted by the simulator and fetched from it by the server), the agent's document, a shared place, a voice
// message in another chatroom, and the customer's reaction to the document. Grabbed to HANDOVER_ARTIFACT_DIR
// (the build's artifacts by default) in the language HANDOVER_SCREENSHOT_LANGUAGE names (en when unset);
// scripts/screenshots puts it in docs/screenshots. Under Xvfb when CTest has xvfb-run, as a desktop draws it.
#include "client/consolesession.h"
#include "core/clock.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "tests/ui/mediafixtures.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationpane.h"
#include "ui/conversation/conversationview.h"
#include "ui/media/thumbnailcache.h"
#include "ui/shell/mainwindow.h"

#include <QBuffer>
#include <QDir>
#include <QLinearGradient>
#include <QPainter>
#include <QPdfWriter>
#include <QTranslator>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

// A photo of a sofa with a cracked armrest, drawn: a wall, a floor, the sofa and the crack.
QByteArray sofaPhoto()
{
    QImage image(1600, 1200, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient wall(0, 0, 0, 800);
    wall.setColorAt(0, QColor(0xe9, 0xe4, 0xda));
    wall.setColorAt(1, QColor(0xcf, 0xc7, 0xb8));
    p.fillRect(0, 0, 1600, 800, wall);
    QLinearGradient floor(0, 800, 0, 1200);
    floor.setColorAt(0, QColor(0x9a, 0x74, 0x4e));
    floor.setColorAt(1, QColor(0x6b, 0x4d, 0x31));
    p.fillRect(0, 800, 1600, 400, floor);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x3f, 0x5e, 0x78));
    p.drawRoundedRect(QRectF(260, 430, 1080, 300), 60, 60); // the back
    p.setBrush(QColor(0x4a, 0x6d, 0x8a));
    p.drawRoundedRect(QRectF(300, 640, 1000, 200), 40, 40); // the seat
    p.drawRoundedRect(QRectF(180, 560, 200, 320), 70, 70);  // the armrests
    p.drawRoundedRect(QRectF(1220, 560, 200, 320), 70, 70);
    p.setBrush(QColor(0x2b, 0x1d, 0x12));
    p.drawRect(QRectF(240, 880, 40, 70));
    p.drawRect(QRectF(1320, 880, 40, 70));
    QPen crack(QColor(0xf4, 0xf1, 0xea), 9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(crack);
    p.drawPolyline(QList<QPointF>{{250, 590}, {290, 650}, {265, 700}, {310, 760}, {285, 820}});
    p.end();
    return jpegBytes(image, 88);
}

// A one-page returns form, a real PDF.
QByteArray returnsForm()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(u"Returns form"_s);
    QPainter p(&pdf);
    p.setFont(QFont(u"DejaVu Sans"_s, 20));
    p.drawText(QRect(0, 0, 8000, 1000), u"Nordhaus Furniture: returns form"_s);
    p.end();
    return bytes;
}

} // namespace

class TestConversationScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aConversationWithAPhotoADocumentAPlaceAndAReaction();

private:
    bool agentWrites(const QString &chatroomId, const QString &text);
    QString agentSendsFile(const QString &chatroomId, const QByteArray &bytes, const QString &mimeType,
                           const QString &filename, const QString &caption);
    QString waMessageIdOf(const QString &chatroomId, const QString &messageId);

    QTranslator m_translator;
    std::unique_ptr<ClientTestOrg> m_org;
};

void TestConversationScreenshot::initTestCase()
{
    // As the console loads its language (English too: its plural forms).
    const QString language = qEnvironmentVariable("HANDOVER_SCREENSHOT_LANGUAGE", u"en"_s);
    QVERIFY(m_translator.load(u":/i18n/handover_%1.qm"_s.arg(language)));
    QCoreApplication::installTranslator(&m_translator);
    QLocale::setDefault(QLocale(language));
    m_org = std::make_unique<ClientTestOrg>();
    QVERIFY2(m_org->start(), m_org->why());
}

bool TestConversationScreenshot::agentWrites(const QString &chatroomId, const QString &text)
{
    const HttpResult sent = m_org->server()
                                .client(m_org->member.token)
                                .post(u"/v1/orgs/%1/chatrooms/%2/messages"_s.arg(m_org->orgId(), chatroomId),
                                      QJsonObject{{u"text"_s, text}});
    return sent.status == 201;
}

QString TestConversationScreenshot::agentSendsFile(const QString &chatroomId, const QByteArray &bytes,
                                                   const QString &mimeType, const QString &filename,
                                                   const QString &caption)
{
    HttpClient client = m_org->server().client(m_org->member.token);
    const HttpResult uploaded = client.postRaw(u"/v1/orgs/%1/media"_s.arg(m_org->orgId()), bytes,
                                               {{QByteArrayLiteral("Content-Type"), mimeType.toUtf8()},
                                                {QByteArrayLiteral("X-Filename"), filename.toUtf8()}});
    if (uploaded.status != 201)
        return {};
    const HttpResult sent =
        client.post(u"/v1/orgs/%1/chatrooms/%2/messages"_s.arg(m_org->orgId(), chatroomId),
                    QJsonObject{{u"type"_s, u"document"_s},
                                {u"media_id"_s, uploaded.json().value("id"_L1).toString()},
                                {u"caption"_s, caption}});
    return sent.status == 201 ? sent.json().value("id"_L1).toString() : QString();
}

QString TestConversationScreenshot::waMessageIdOf(const QString &chatroomId, const QString &messageId)
{
    for (const Message &message : m_org->serverMessages(chatroomId)) {
        if (message.id == messageId)
            return message.waMessageId;
    }
    return {};
}

void TestConversationScreenshot::aConversationWithAPhotoADocumentAPlaceAndAReaction()
{
    ClientTestOrg &org = *m_org;
    // Other chatrooms of the agent, each showing its newest message in the list.
    const QString voiceRoom = org.newChatroom(org.member.user.id);
    const QString placeRoom = org.newChatroom(org.member.user.id);
    const QString textRoom = org.newChatroom(org.member.user.id);
    const QString room = org.newChatroom(org.member.user.id);
    QVERIFY2(!room.isEmpty(), org.why());
    QVERIFY2(org.customerWrites(textRoom, u"Do you deliver on Saturdays?"_s), org.why());
    const QByteArray voice = QByteArray("OggS") + QByteArray(18'000, '\x01');
    QVERIFY2(!org.customerSends(voiceRoom, u"audio"_s,
                                QJsonObject{{u"bytes_base64"_s, QString::fromLatin1(voice.toBase64())},
                                            {u"mime_type"_s, u"audio/ogg"_s},
                                            {u"voice"_s, true}})
                  .isEmpty(),
             org.why());
    QVERIFY(!org.customerSends(placeRoom, u"location"_s,
                               QJsonObject{{u"latitude"_s, 59.3293},
                                           {u"longitude"_s, 18.0686},
                                           {u"name"_s, u"Nordhaus Outlet"_s},
                                           {u"address"_s, u"Kungsgatan 44, Stockholm"_s}})
                 .isEmpty());

    // The conversation the agent reads.
    QVERIFY2(org.customerWrites(room, u"Hi! My sofa arrived today, but one armrest is cracked."_s),
             org.why());
    QVERIFY2(!org.customerSends(room, u"image"_s,
                                QJsonObject{{u"bytes_base64"_s, QString::fromLatin1(sofaPhoto().toBase64())},
                                            {u"mime_type"_s, u"image/jpeg"_s},
                                            {u"caption"_s, u"Here, on the left side"_s}})
                  .isEmpty(),
             org.why());
    QVERIFY(
        agentWrites(room, u"I'm sorry to see that! Please fill in the returns form, we'll pick it up."_s));
    const QString form = agentSendsFile(room, returnsForm(), u"application/pdf"_s, u"returns-form.pdf"_s,
                                        u"Returns form, order 10442"_s);
    QVERIFY(!form.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!waMessageIdOf(room, form).isEmpty(), 15000); // sent to (the simulated) WhatsApp
    QVERIFY(!org.customerSends(room, u"location"_s,
                               QJsonObject{{u"latitude"_s, 59.3326},
                                           {u"longitude"_s, 18.0649},
                                           {u"name"_s, u"Pick-up address"_s},
                                           {u"address"_s, u"Drottninggatan 71, Stockholm"_s}})
                 .isEmpty());
    QVERIFY(!org.customerSends(
                    room, u"reaction"_s,
                    QJsonObject{{u"message_id"_s, waMessageIdOf(room, form)}, {u"emoji"_s, u"\U0001F44D"_s}})
                 .isEmpty());

    QTemporaryDir data;
    std::unique_ptr<ConsoleSession> session = org.connectedSession(org.member, data.path(), room);
    QVERIFY2(session, org.why());
    SystemClock clock;
    MainWindow window(clock);
    window.setSession(session.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openChatroom(room);
    ConversationPane *pane = window.conversation();
    QTRY_COMPARE_WITH_TIMEOUT(pane->chatroomId(), room, 10000);

    // Every part is there: the photo ready and painted, the document, the place, the reaction.
    const auto rowWhere = [&](auto predicate) {
        for (int row = 0; row < pane->model()->rowCount(); ++row) {
            if (predicate(pane->model()->index(row)))
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowWhere([](const QModelIndex &i) {
                                 return i.data(KindRole).toInt() == int(MessageKind::Document) &&
                                        i.data(ReactionsRole).isValid();
                             }) >= 0,
                             15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        rowWhere([](const QModelIndex &i) { return i.data(LocationRole).isValid(); }) >= 0, 15000);
    const int photoRow =
        rowWhere([](const QModelIndex &i) { return i.data(KindRole).toInt() == int(MessageKind::Image); });
    QVERIFY(photoRow >= 0);
    const MediaAttachment media = pane->model()->index(photoRow).data(MediaRole).value<MediaAttachment>();
    QCOMPARE(media.status, MediaStatus::Ready);
    pane->view()->scrollToNewest();
    QTRY_COMPARE_WITH_TIMEOUT(pane->thumbnails()->state(media), ThumbnailCache::State::Ready, 15000);
    QTest::qWait(300); // the rows take the photo's shape

    const QImage shot = window.grab().toImage();
    const QString language = qEnvironmentVariable("HANDOVER_SCREENSHOT_LANGUAGE", u"en"_s);
    const QString directory = qEnvironmentVariable("HANDOVER_ARTIFACT_DIR", QDir::currentPath());
    QDir().mkpath(directory);
    const QString file = QDir(directory).filePath(u"console-media-%1.png"_s.arg(language));
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo().noquote() << "screenshot saved to" << file;
}

QTEST_MAIN(TestConversationScreenshot)
#include "tst_conversationscreenshot.moc"
