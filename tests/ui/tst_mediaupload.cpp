// Sending files from the composer against the real server: attach (or drop) → upload with progress → send →
// the message comes back with its media ready and its thumbnail, fetched from the server, painted; a refused
// upload keeps the draft; the window's end stops files as it stops text.
#include "client/consolesession.h"
#include "client/mediaupload.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "tests/ui/mediafixtures.h"
#include "ui/conversation/attachmentstrip.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationdelegate.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationpane.h"
#include "ui/conversation/conversationview.h"
#include "ui/media/mediaviewer.h"
#include "ui/media/thumbnailcache.h"

#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

const QColor kPhotoColour(230, 120, 20);

// A real JPEG photo of one colour, with a little noise so that it is not tiny.
QByteArray orangePhoto(const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            image.setPixelColor(x, y, kPhotoColour.lighter(100 + (x * 7 + y * 13) % 5));
    return jpegBytes(image, 92);
}

} // namespace

class TestMediaUpload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void anAttachedPhotoIsUploadedSentAndShownWithItsThumbnail();
    void aFileDroppedOnTheComposerGoesOutAsADocument();
    void aRefusedUploadKeepsTheTextAndTheFile();
    void aFileOverItsLimitIsNotUploaded();
    void thePhotoViewerShowsTheWholePhoto();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    int rowOfKind(MessageKind kind) const; // the newest row of that kind, -1 if none
    BubbleLayout layoutOfRow(int row) const;
    QPlainTextEdit *text() const { return m_pane->findChild<QPlainTextEdit *>(u"composerText"_s); }

    ClientTestOrg m_org;
    QTemporaryDir m_data;
    QTemporaryDir m_files;
    SystemClock m_clock;
    QString m_room;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<ConversationPane> m_pane;
    QList<QUrl> m_opened;
};

void TestMediaUpload::initTestCase()
{
    qRegisterMetaType<MediaViewer *>();
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
    QVERIFY2(m_org.customerWrites(m_room, u"Can you send me the photo of the sofa?"_s), m_org.why());
}

void TestMediaUpload::init()
{
    m_session = m_org.connectedSession(m_org.member, m_data.path(), m_room);
    QVERIFY2(m_session, m_org.why());
    m_pane = std::make_unique<ConversationPane>(m_clock);
    m_pane->resize(640, 720);
    m_pane->setSession(m_session.get());
    m_opened.clear();
    m_pane->setUrlOpener([this](const QUrl &url) {
        m_opened.append(url);
        return true;
    });
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    m_pane->showChatroom(m_room);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->composer()->mode().kind, ComposerMode::Kind::Text, 5000);
}

void TestMediaUpload::cleanup()
{
    m_pane.reset();
    m_session.reset();
}

QString TestMediaUpload::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_files.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

int TestMediaUpload::rowOfKind(MessageKind kind) const
{
    const ConversationModel *model = m_pane->model();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row).data(KindRole).toInt() == int(kind))
            return row;
    }
    return -1;
}

BubbleLayout TestMediaUpload::layoutOfRow(int row) const
{
    ConversationView *view = m_pane->view();
    QStyleOptionViewItem option;
    option.font = view->font();
    option.widget = view;
    const QModelIndex index = view->model()->index(row, 0);
    return view->bubbleDelegate()->layout(option, view->visualRect(index), index);
}

void TestMediaUpload::anAttachedPhotoIsUploadedSentAndShownWithItsThumbnail()
{
    Composer *composer = m_pane->composer();
    QSignalSpy uploaded(composer, &Composer::mediaUploaded);
    const QString path = writeFile(u"sofa.jpg"_s, orangePhoto(QSize(2000, 1500)));
    QVERIFY(composer->attachFile(path));
    QVERIFY(composer->attachmentStrip()->isVisible());
    QTest::keyClicks(text(), u"The sofa in oak"_s);
    // Send before the upload is done: it goes once the file is on the server.
    QTest::mouseClick(m_pane->findChild<QPushButton *>(u"composerSend"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(uploaded.size(), 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!composer->hasAttachment(), 5000);
    QCOMPARE(text()->toPlainText(), QString()); // the caption went with the photo
    QVERIFY(!composer->attachmentStrip()->isVisible());

    // The row is there at once (pending), then the server's message: ready, with its caption and hash.
    QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(MessageKind::Image) >= 0, 5000);
    const ConversationModel *model = m_pane->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->index(rowOfKind(MessageKind::Image)).data(LocalIdRole).toLongLong() == 0,
                             15000);
    const int row = rowOfKind(MessageKind::Image);
    const MediaAttachment media = model->index(row).data(MediaRole).value<MediaAttachment>();
    QCOMPARE(media.status, MediaStatus::Ready);
    QCOMPARE(media.filename, u"sofa.jpg"_s);
    QCOMPARE(media.mimeType, u"image/jpeg"_s);
    QCOMPARE(media.caption, u"The sofa in oak"_s);
    QCOMPARE(model->index(row).data().toString(), u"The sofa in oak"_s);
    QCOMPARE(media.sha256, uploaded.first().first().value<MediaAttachment>().sha256);

    // Its thumbnail, fetched from the server with the session's token, decoded and painted.
    ThumbnailCache *thumbnails = m_pane->thumbnails();
    m_pane->view()->scrollToNewest();
    QTRY_COMPARE_WITH_TIMEOUT(thumbnails->state(media), ThumbnailCache::State::Ready, 15000);
    QCOMPARE(thumbnails->pictureSize(media), QSize(320, 240));
    QVERIFY(QFile::exists(m_session->mediaCache().thumbnailPath(media)));
    QTest::qWait(50);
    ConversationView *view = m_pane->view();
    const BubbleLayout parts = layoutOfRow(row);
    const QImage shot = view->viewport()->grab().toImage();
    const qreal ratio = shot.devicePixelRatio();
    const QColor painted = shot.pixelColor((QPointF(parts.media.center()) * ratio).toPoint());
    QVERIFY2(nearColour(painted, kPhotoColour, 30), qPrintable(painted.name()));

    // On the server: one image message with the file.
    const QList<Message> messages = m_org.serverMessages(m_room);
    const auto sent = std::count_if(messages.cbegin(), messages.cend(), [&](const Message &m) {
        return m.kind == MessageKind::Image && m.media && m.media->id == media.id;
    });
    QCOMPARE(sent, 1);
}

void TestMediaUpload::aFileDroppedOnTheComposerGoesOutAsADocument()
{
    const QByteArray pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + QByteArray(40'000, ' ');
    const QString path = writeFile(u"quote 2026.pdf"_s, pdf);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QWidget *target = text()->viewport();
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(text()->toPlainText(), QString()); // not pasted as a path
    Composer *composer = m_pane->composer();
    QVERIFY(composer->hasAttachment());
    QCOMPARE(composer->upload()->attachment().kind, MessageKind::Document);
    QCOMPARE(composer->upload()->attachment().mimeType, u"application/pdf"_s);
    QTRY_VERIFY_WITH_TIMEOUT(composer->upload()->result().has_value(), 15000);
    QCOMPARE(composer->attachmentStrip()->progress(), 100);
    QVERIFY(composer->send());
    QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(MessageKind::Document) >= 0 &&
                                 m_pane->model()->index(rowOfKind(MessageKind::Document)).data(LocalIdRole) ==
                                     0,
                             15000);
    const MediaAttachment media =
        m_pane->model()->index(rowOfKind(MessageKind::Document)).data(MediaRole).value<MediaAttachment>();
    QCOMPARE(media.filename, u"quote 2026.pdf"_s);
    QCOMPARE(media.size, qint64(pdf.size()));

    // A click on its chip downloads it into the media cache and opens it.
    ConversationView *view = m_pane->view();
    view->scrollToNewest();
    QTest::qWait(50);
    const BubbleLayout parts = layoutOfRow(rowOfKind(MessageKind::Document));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, parts.media.center());
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 15000);
    const QString opened = m_opened.first().toLocalFile();
    QCOMPARE(opened, m_session->mediaCache().filePath(media));
    QFile file(opened);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), pdf);
}

void TestMediaUpload::aRefusedUploadKeepsTheTextAndTheFile()
{
    Composer *composer = m_pane->composer();
    // The server takes no JSON as a file: the upload is refused.
    const QString path = writeFile(u"export.json"_s, "{\"rows\": []}");
    QTest::keyClicks(text(), u"Here is the export"_s);
    QVERIFY(composer->attachFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(!composer->upload()->isRunning(), 15000);
    QVERIFY(!composer->upload()->result());
    QVERIFY(composer->attachmentStrip()->status().startsWith(u"The upload failed: "_s));
    QCOMPARE(text()->toPlainText(), u"Here is the export"_s);
    QVERIFY(composer->hasAttachment());
    const int rows = m_pane->model()->rowCount();
    QSignalSpy queued(composer, &Composer::mediaQueued);
    QVERIFY(composer->send()); // tries the upload again, which the server refuses again
    QTRY_VERIFY_WITH_TIMEOUT(!composer->upload()->isRunning(), 15000);
    QCOMPARE(queued.size(), 0);
    QCOMPARE(m_pane->model()->rowCount(), rows);
    QCOMPARE(text()->toPlainText(), u"Here is the export"_s);
    composer->removeAttachment();
    QVERIFY(!composer->attachmentStrip()->isVisible());
}

void TestMediaUpload::aFileOverItsLimitIsNotUploaded()
{
    Composer *composer = m_pane->composer();
    const QString path =
        writeFile(u"huge.png"_s, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(kMaxImageBytes, 'x'));
    const int requests = m_session->api().requestsInFlight();
    QVERIFY(!composer->attachFile(path));
    QVERIFY(!composer->hasAttachment());
    QCOMPARE(m_session->api().requestsInFlight(), requests);
    const QString notice = m_pane->findChild<QLabel *>(u"composerNotice"_s)->text();
    QVERIFY2(notice.startsWith(u"huge.png is "_s) &&
                 notice.contains(u": WhatsApp takes pictures of at most "_s),
             qPrintable(notice));
}

void TestMediaUpload::thePhotoViewerShowsTheWholePhoto()
{
    Composer *composer = m_pane->composer();
    const QByteArray photo = orangePhoto(QSize(1024, 768));
    QVERIFY(composer->attachFile(writeFile(u"room.jpg"_s, photo)));
    QTRY_VERIFY_WITH_TIMEOUT(composer->upload()->result().has_value(), 15000);
    QVERIFY(composer->send());
    QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(MessageKind::Image) >= 0 &&
                                 m_pane->model()->index(rowOfKind(MessageKind::Image)).data(LocalIdRole) == 0,
                             15000);
    ConversationView *view = m_pane->view();
    view->scrollToNewest();
    const MediaAttachment media =
        m_pane->model()->index(rowOfKind(MessageKind::Image)).data(MediaRole).value<MediaAttachment>();
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->thumbnails()->state(media), ThumbnailCache::State::Ready, 15000);
    QTest::qWait(50);
    const BubbleLayout parts = layoutOfRow(rowOfKind(MessageKind::Image));
    QSignalSpy opened(m_pane.get(), &ConversationPane::mediaViewerOpened);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, parts.media.center());
    QCOMPARE(opened.size(), 1);
    MediaViewer *viewer = m_pane->mediaViewer();
    QVERIFY(viewer);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->showsFullPicture(), 15000);
    QVERIFY(QTest::qWaitForWindowExposed(viewer));
    const QRect shown = viewer->pictureRect();
    QVERIFY(viewer->rect().contains(shown));
    QVERIFY(qAbs(shown.width() * 3 - shown.height() * 4) <= 8); // the photo's shape, scaled to the window
    QVERIFY(QFile::exists(m_session->mediaCache().filePath(media)));
    QTest::keyClick(viewer, Qt::Key_Escape);
    QTRY_VERIFY(!m_pane->mediaViewer());
}

QTEST_MAIN(TestMediaUpload)
#include "tst_mediaupload.moc"
