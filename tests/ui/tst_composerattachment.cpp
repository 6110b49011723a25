// The composer's files without a server: when a file may be attached, what a drop does, the limits checked
// before anything goes out, and the caption's limit. (tst_mediaupload sends files to the real server.)
#include "client/mediaupload.h"
#include "tests/ui/composerfixtures.h"
#include "ui/conversation/attachmentstrip.h"
#include "ui/conversation/composer.h"

#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

const UserId kAgent = kComposerAgent;
const QDateTime kNow = kComposerNow;

} // namespace

class TestComposerAttachment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void filesCanBeAttachedOnlyWhileTextCanBeSent();
    void aFileDroppedOnTheTextIsAttachedNotPasted();
    void severalFilesDroppedAttachTheFirstAndSaySo();
    void draggedTextIsStillText();
    void aDropOutsideTheWindowIsRefused();
    void filesOverWhatsAppsLimitsAreRefusedBeforeUpload_data();
    void filesOverWhatsAppsLimitsAreRefusedBeforeUpload();
    void aCaptionHasWhatsAppsLimitAndStaysWhenTooLong();
    void theWindowClosingKeepsTheFileButStopsSending();
    void anotherChatroomDropsTheFile();

private:
    QString writeFile(const QString &name, qint64 size, const QByteArray &head = {});
    bool drop(const QStringList &paths, QWidget *target);
    QString notice() const { return m_composer->findChild<QLabel *>(u"composerNotice"_s)->text(); }
    QPushButton *button(const QString &name) const { return m_composer->findChild<QPushButton *>(name); }
    QPlainTextEdit *text() const { return m_composer->findChild<QPlainTextEdit *>(u"composerText"_s); }

    FakeClock m_clock;
    QTemporaryDir m_dir;
    std::unique_ptr<OfflineOutbox> m_offline; // of a server that is not there: uploads never finish
    client::ApiClient *m_api = nullptr;
    client::Outbox *m_outbox = nullptr;
    std::unique_ptr<Composer> m_composer;
};

void TestComposerAttachment::init()
{
    m_clock.set(kNow);
    m_offline = std::make_unique<OfflineOutbox>(m_clock);
    m_api = &m_offline->api();
    m_outbox = &m_offline->outbox();
    m_composer = std::make_unique<Composer>(m_clock);
    m_composer->setOutbox(m_outbox);
    m_composer->setApi(m_api);
    m_composer->setChatroom(chatroomWithWindow(kNow.addSecs(-3600)), kAgent);
    m_composer->resize(600, 200);
    m_composer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_composer.get()));
}

void TestComposerAttachment::cleanup()
{
    m_composer.reset();
    m_offline.reset();
}

QString TestComposerAttachment::writeFile(const QString &name, qint64 size, const QByteArray &head)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(head);
    file.resize(std::max<qint64>(size, head.size()));
    return path;
}

bool TestComposerAttachment::drop(const QStringList &paths, QWidget *target)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    mime.setUrls(urls);
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropped);
    return dropped.isAccepted();
}

void TestComposerAttachment::filesCanBeAttachedOnlyWhileTextCanBeSent()
{
    QPushButton *attach = button(u"composerAttach"_s);
    QVERIFY(attach->isEnabled());
    QVERIFY(attach->toolTip().contains(u"Ctrl+Shift+A"_s));
    QVERIFY(m_composer->canAttach());
    m_composer->setChatroom(chatroomWithWindow(kNow.addSecs(-25 * 3600)), kAgent);
    QVERIFY(!attach->isEnabled());
    QVERIFY(!m_composer->canAttach());
    QVERIFY(!m_composer->attachFile(writeFile(u"a.pdf"_s, 100, "%PDF")));
    QVERIFY(notice().startsWith(u"Files can be sent only while free text can: "_s));
    QVERIFY(!m_composer->hasAttachment());
    m_composer->setChatroom(chatroomWithWindow(kNow.addSecs(-60)), u"someone-else"_s); // not a participant
    QVERIFY(!attach->isEnabled());
    m_composer->setChatroom(chatroomWithWindow(kNow.addSecs(-60)), kAgent);
    m_composer->setApi(nullptr); // no session to upload through
    QVERIFY(!attach->isEnabled());
}

void TestComposerAttachment::aFileDroppedOnTheTextIsAttachedNotPasted()
{
    QTest::keyClicks(text(), u"Our terms"_s);
    const QString path = writeFile(u"terms.pdf"_s, 30'000, "%PDF-1.4\n");
    QVERIFY(drop({path}, text()->viewport()));
    QCOMPARE(text()->toPlainText(), u"Our terms"_s); // the path was not pasted
    QVERIFY(m_composer->hasAttachment());
    const client::Attachment &file = m_composer->upload()->attachment();
    QCOMPARE(file.fileName, u"terms.pdf"_s);
    QCOMPARE(file.mimeType, u"application/pdf"_s);
    QCOMPARE(file.kind, MessageKind::Document);
    QCOMPARE(file.size, 30'000);
    QVERIFY(m_composer->upload()->isRunning());
    AttachmentStrip *strip = m_composer->attachmentStrip();
    QVERIFY(strip->isVisible());
    QVERIFY(strip->findChild<QLabel *>(u"attachmentName"_s)->text().contains(u"terms.pdf"_s));
    QCOMPARE(strip->status(), u"Uploading\u2026"_s);
    // Removing it stops it; the text stays.
    QTest::mouseClick(strip->findChild<QToolButton *>(u"attachmentRemove"_s), Qt::LeftButton);
    QVERIFY(!m_composer->hasAttachment());
    QVERIFY(!strip->isVisible());
    QCOMPARE(text()->toPlainText(), u"Our terms"_s);
}

void TestComposerAttachment::severalFilesDroppedAttachTheFirstAndSaySo()
{
    const QString photo = writeFile(u"one.png"_s, 500, QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QString other = writeFile(u"two.pdf"_s, 500, "%PDF-1.4\n");
    QVERIFY(drop({photo, other}, m_composer.get())); // on the composer itself, beside the text
    QCOMPARE(m_composer->upload()->attachment().fileName, u"one.png"_s);
    QCOMPARE(m_composer->upload()->attachment().kind, MessageKind::Image);
    QCOMPARE(notice(), u"One file at a time: one.png is attached, the others were left out."_s);
}

void TestComposerAttachment::draggedTextIsStillText()
{
    QMimeData mime;
    mime.setUrls({QUrl(u"https://example.com/catalogue"_s)});
    mime.setText(u"https://example.com/catalogue"_s);
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(text()->viewport(), &enter);
    QVERIFY(enter.isAccepted()); // the text box takes a link as text, as before
    QVERIFY(!m_composer->hasAttachment());
}

void TestComposerAttachment::aDropOutsideTheWindowIsRefused()
{
    m_composer->setChatroom(chatroomWithWindow(kNow.addSecs(-30 * 3600)), kAgent);
    QVERIFY(!drop({writeFile(u"late.pdf"_s, 100, "%PDF")}, text()->viewport()));
    QVERIFY(!m_composer->hasAttachment());
    QCOMPARE(text()->toPlainText(), QString());
}

void TestComposerAttachment::filesOverWhatsAppsLimitsAreRefusedBeforeUpload_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("notice");
    QTest::newRow("a photo over 5 MB")
        << u"big.jpg"_s << QByteArray("\xff\xd8\xff\xe0", 4) << kMaxImageBytes + 1
        << u"big.jpg is 5.0 MB: WhatsApp takes pictures of at most 5.0 MB."_s;
    QTest::newRow("a video over 16 MB")
        << u"film.mp4"_s
        << QByteArray("\0\0\0\x18"
                      "ftypmp42",
                      12)
        << kMaxAudioVideoBytes + 1
        << u"film.mp4 is 16.0 MB: WhatsApp takes audio and video of at most 16.0 MB."_s;
    QTest::newRow("a document over 100 MB")
        << u"scan.pdf"_s << QByteArray("%PDF-1.4\n") << kMaxDocumentBytes + 1
        << u"scan.pdf is 100.0 MB: WhatsApp takes files of at most 100.0 MB."_s;
    QTest::newRow("an empty file") << u"empty.txt"_s << QByteArray() << qint64(0) << u"empty.txt is empty."_s;
}

void TestComposerAttachment::filesOverWhatsAppsLimitsAreRefusedBeforeUpload()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, head);
    QFETCH(qint64, size);
    QFETCH(QString, notice);
    QTest::keyClicks(text(), u"Draft"_s);
    QVERIFY(!m_composer->attachFile(writeFile(name, size, head)));
    QVERIFY(!m_composer->hasAttachment());
    QCOMPARE(m_api->requestsInFlight(), 0);
    QCOMPARE(this->notice(), notice);
    QCOMPARE(text()->toPlainText(), u"Draft"_s);
}

void TestComposerAttachment::aCaptionHasWhatsAppsLimitAndStaysWhenTooLong()
{
    QVERIFY(m_composer->attachFile(writeFile(u"p.png"_s, 500, QByteArray("\x89PNG\r\n\x1a\n", 8))));
    QPushButton *send = button(u"composerSend"_s);
    QVERIFY(send->isEnabled()); // a photo needs no caption
    const QString caption(kMaxCaptionLength + 3, u'x');
    text()->setPlainText(caption);
    QVERIFY(!send->isEnabled());
    QCOMPARE(notice(),
             u"A caption can have at most 1,024 characters; this one has 3 too many. Shorten it, or send "
             u"the file first and the words after it."_s);
    QVERIFY(!m_composer->send());
    QCOMPARE(text()->toPlainText(), caption);
    QVERIFY(m_composer->hasAttachment());
    text()->setPlainText(caption.left(kMaxCaptionLength));
    QVERIFY(send->isEnabled());

    // Audio carries no caption: its words go as their own message, up to a text's limit.
    QVERIFY(m_composer->attachFile(writeFile(u"note.mp3"_s, 500, "ID3\x03")));
    QCOMPARE(m_composer->upload()->attachment().kind, MessageKind::Audio);
    text()->setPlainText(QString(2000, u'y'));
    QVERIFY(send->isEnabled());
}

void TestComposerAttachment::theWindowClosingKeepsTheFileButStopsSending()
{
    QVERIFY(m_composer->attachFile(writeFile(u"late.png"_s, 500, QByteArray("\x89PNG\r\n\x1a\n", 8))));
    QTest::keyClicks(text(), u"Before the window closes"_s);
    m_clock.set(kNow.addSecs(23 * 3600 + 1)); // the window opened at kNow - 1 h
    m_composer->updateMode();
    QCOMPARE(m_composer->mode().kind, ComposerMode::Kind::TemplatesOnly);
    QVERIFY(!button(u"composerSend"_s)->isEnabled());
    QVERIFY(!button(u"composerAttach"_s)->isEnabled());
    QVERIFY(!m_composer->send());
    QVERIFY(m_composer->hasAttachment()); // the draft stays, file and words
    QCOMPARE(text()->toPlainText(), u"Before the window closes"_s);
    QCOMPARE(m_outbox->items()->size(), 0);
}

void TestComposerAttachment::anotherChatroomDropsTheFile()
{
    QVERIFY(m_composer->attachFile(writeFile(u"here.pdf"_s, 100, "%PDF")));
    Chatroom other = chatroomWithWindow(kNow.addSecs(-60));
    other.id = u"room-2"_s;
    m_composer->setChatroom(other, kAgent);
    QVERIFY(!m_composer->hasAttachment()); // a draft belongs to its chatroom
    QVERIFY(!m_composer->attachmentStrip()->isVisible());
}

QTEST_MAIN(TestComposerAttachment)
#include "tst_composerattachment.moc"
