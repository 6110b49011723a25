// The bubbles of rich messages, offscreen: photos with their decoded thumbnails (real JPEGs made here),
// placeholders while a file is on its way or failed, file chips that download and open, places with their map
// link, shared contacts, list replies, unsupported messages and reactions.
#include "client/apiclient.h"
#include "client/mediacache.h"
#include "client/mediadownloads.h"
#include "core/clock.h"
#include "tests/ui/conversationfixtures.h"
#include "tests/ui/darkpalette.h"
#include "tests/ui/mediafixtures.h"
#include "ui/common/messagewording.h"
#include "ui/conversation/bubblemedia.h"
#include "ui/conversation/bubblerich.h"
#include "ui/conversation/conversationdelegate.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationview.h"
#include "ui/media/thumbnailcache.h"

#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

const QColor kLeft(220, 40, 40);
const QColor kRight(30, 80, 220);

QByteArray twoColourJpeg(const QSize &size)
{
    return testing::twoColourJpeg(size, kLeft, kRight);
}

bool near(const QColor &a, const QColor &b)
{
    return nearColour(a, b);
}

} // namespace

class TestConversationMedia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aPhotoShowsItsDecodedThumbnailAboveItsCaption();
    void decodingIsNotDoneWhileTheAnswerIsHandled();
    void aThumbnailIsKeptOnDiskByItsHash();
    void aPortraitPhotoGetsATallBubble();
    void aPhotoOnItsWayOrFailedSaysSoAndIsNotFetched();
    void aThumbnailThatCannotBeHadFailsAndAClickTriesAgain();
    void aClickOnAPhotoAsksForTheViewer();
    void aDocumentIsAChipWithItsNameSizeAndType();
    void aClickOnAFileOpensItOnceItIsOnDisk();
    void aDownloadThatFailsSaysSoOnTheChip();
    void audioVideoAndVoiceNotesAreChips();
    void aPlaceShowsItsNameAndAddressAndLinksToItsMap();
    void sharedContactsShowTheirNamesAndPhones();
    void aListReplyShowsItsTitleAndDescription();
    void anUnsupportedMessageSaysSoWithMetasTitle();
    void reactionsHangUnderTheMessageTheyReactTo();
    void aReactionThatComesLaterMakesRoomForItself();
    void aDarkPaletteGivesDarkChipsWithLightText();
    void picturesAreSharpAtHighDensity();
    void everyKindTogetherInLightAndDark_data();
    void everyKindTogetherInLightAndDark();

private:
    void show(const QList<Message> &messages);
    BubbleLayout layoutOf(int row) const;
    QImage grab() const { return m_view->viewport()->grab().toImage(); }
    // Serves a two-colour JPEG of `size` for `media` and waits until the cache has decoded it.
    bool loadPicture(const MediaAttachment &media, const QSize &size);
    // The grabbed colour at a point of the viewport, in device pixels of the grab.
    QColor colourAt(const QImage &image, const QPoint &point) const;

    FakeClock m_clock{QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC)};
    ConversationScript m_script;
    FakeMediaServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<client::MediaCache> m_disk;
    std::unique_ptr<client::ApiClient> m_api; // of a server that is not there
    std::unique_ptr<client::MediaDownloads> m_downloads;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    std::unique_ptr<ConversationModel> m_model;
    std::unique_ptr<ConversationView> m_view;
};

void TestConversationMedia::init()
{
    m_script = ConversationScript();
    m_server = FakeMediaServer();
    m_dir = std::make_unique<QTemporaryDir>();
    m_disk = std::make_unique<client::MediaCache>(m_dir->filePath(u"media"_s));
    m_api = std::make_unique<client::ApiClient>(QUrl(u"http://127.0.0.1:9"_s));
    m_api->setOrgId(u"org-1"_s);
    m_downloads = std::make_unique<client::MediaDownloads>(*m_api, *m_disk);
    m_thumbnails = std::make_unique<ThumbnailCache>(m_server.fetch(), m_disk.get());
    m_model = std::make_unique<ConversationModel>(ConversationScript::kAgent);
    m_view = std::make_unique<ConversationView>(m_clock);
    m_view->resize(480, 640);
    m_view->setConversationModel(m_model.get());
    m_view->setMediaSources(m_thumbnails.get(), m_downloads.get());
}

void TestConversationMedia::cleanup()
{
    m_view.reset();
    m_model.reset();
    m_thumbnails.reset();
    m_downloads.reset();
    m_api.reset();
    m_disk.reset();
    m_dir.reset();
}

void TestConversationMedia::show(const QList<Message> &messages)
{
    m_model->showChatroom(ConversationScript::kRoom, m_script.chatroom, messages, {});
    m_model->addOlderMessages({}, true);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

BubbleLayout TestConversationMedia::layoutOf(int row) const
{
    const QModelIndex index = m_view->model()->index(row, 0);
    QStyleOptionViewItem option;
    option.font = m_view->font();
    option.widget = m_view.get();
    return m_view->bubbleDelegate()->layout(option, m_view->visualRect(index), index);
}

bool TestConversationMedia::loadPicture(const MediaAttachment &media, const QSize &size)
{
    m_server.pictures.insert(media.id, twoColourJpeg(size));
    QSignalSpy changed(m_thumbnails.get(), &ThumbnailCache::thumbnailChanged);
    m_thumbnails->state(media);
    return changed.wait(5000) && m_thumbnails->state(media) == ThumbnailCache::State::Ready;
}

QColor TestConversationMedia::colourAt(const QImage &image, const QPoint &point) const
{
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor(QPoint(qRound(point.x() * ratio), qRound(point.y() * ratio)));
}

void TestConversationMedia::aPhotoShowsItsDecodedThumbnailAboveItsCaption()
{
    Message photo = m_script.customerOfKind(u"p1"_s, 1, MessageKind::Image, u"The box arrived like this"_s);
    photo.media = ConversationScript::readyMedia(u"media-1"_s, u"image/jpeg"_s);
    photo.media->caption = photo.text;
    m_server.pictures.insert(u"media-1"_s, twoColourJpeg(QSize(320, 240)));
    show({photo});
    QSignalSpy ready(m_thumbnails.get(), &ThumbnailCache::thumbnailChanged);
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Ready);
    QCOMPARE(m_thumbnails->pictureSize(*photo.media), QSize(320, 240));
    QTest::qWait(20); // the rows are laid out again for the picture's shape

    const BubbleLayout parts = layoutOf(0);
    QVERIFY(!parts.media.isEmpty());
    QVERIFY(parts.body.top() > parts.media.bottom()); // the caption under the picture
    QVERIFY(qAbs(parts.media.width() * 3 - parts.media.height() * 4) <= 8);
    const QImage image = grab();
    const QPoint left(parts.media.left() + parts.media.width() / 4, parts.media.center().y());
    const QPoint right(parts.media.right() - parts.media.width() / 4, parts.media.center().y());
    QVERIFY2(near(colourAt(image, left), kLeft), qPrintable(colourAt(image, left).name()));
    QVERIFY2(near(colourAt(image, right), kRight), qPrintable(colourAt(image, right).name()));
    QVERIFY(!near(colourAt(image, parts.media.topLeft()), kLeft)); // the corners are rounded like the bubble
    QCOMPARE(m_server.fetches, 1);
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(),
             u"Customer: Photo: The box arrived like this"_s);
}

void TestConversationMedia::decodingIsNotDoneWhileTheAnswerIsHandled()
{
    m_server.answerAtOnce = true;
    MediaAttachment media = ConversationScript::readyMedia(u"media-2"_s, u"image/jpeg"_s);
    m_server.pictures.insert(media.id, twoColourJpeg(QSize(1200, 900)));
    QSignalSpy changed(m_thumbnails.get(), &ThumbnailCache::thumbnailChanged);
    QCOMPARE(m_thumbnails->state(media), ThumbnailCache::State::Loading);
    // The disk is looked at on the pool, then the fetch answers at once: the picture is still being decoded
    // elsewhere when the GUI thread gets back to its event loop.
    QVERIFY(QTest::qWaitFor([&] { return m_server.fetches == 1; }, 5000));
    QCOMPARE(m_thumbnails->state(media), ThumbnailCache::State::Loading);
    QVERIFY(changed.wait(5000));
    QCOMPARE(m_thumbnails->state(media), ThumbnailCache::State::Ready);
    QCOMPARE(m_thumbnails->pictureSize(media), QSize(320, 240)); // decoded at the thumbnail's size at most
}

void TestConversationMedia::aThumbnailIsKeptOnDiskByItsHash()
{
    const MediaAttachment media = ConversationScript::readyMedia(u"media-3"_s, u"image/jpeg"_s);
    QVERIFY(loadPicture(media, QSize(320, 200)));
    QTRY_VERIFY(QFile::exists(m_disk->thumbnailPath(media)));
    QVERIFY(m_disk->thumbnailPath(media).contains(media.sha256));

    // Another session (a restart): from the disk, not the server.
    ThumbnailCache later(m_server.fetch(), m_disk.get());
    QSignalSpy loaded(&later, &ThumbnailCache::thumbnailChanged);
    later.state(media);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(later.state(media), ThumbnailCache::State::Ready);
    QCOMPARE(later.pictureSize(media), QSize(320, 200));
    QCOMPARE(m_server.fetches, 1);
}

void TestConversationMedia::aPortraitPhotoGetsATallBubble()
{
    Message photo = m_script.customerOfKind(u"p1"_s, 1, MessageKind::Image);
    photo.media = ConversationScript::readyMedia(u"media-4"_s, u"image/jpeg"_s);
    m_server.pictures.insert(u"media-4"_s, twoColourJpeg(QSize(240, 320)));
    show({photo});
    const QRect before = layoutOf(0).media;
    QVERIFY(before.width() > before.height()); // 4:3 until the picture is known
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Ready);
    QTRY_VERIFY(layoutOf(0).media.height() > layoutOf(0).media.width());
    QTRY_COMPARE(m_view->visualRect(m_view->model()->index(0, 0)).height(), layoutOf(0).height);
    QVERIFY(layoutOf(0).body.isEmpty()); // no caption, no text line
}

void TestConversationMedia::aPhotoOnItsWayOrFailedSaysSoAndIsNotFetched()
{
    Message pending = m_script.customerOfKind(u"p1"_s, 1, MessageKind::Image);
    pending.media = ConversationScript::readyMedia(u"media-5"_s, u"image/jpeg"_s);
    pending.media->status = MediaStatus::Pending;
    Message failed = m_script.customerOfKind(u"p2"_s, 2, MessageKind::Image);
    failed.media = ConversationScript::readyMedia(u"media-6"_s, u"image/jpeg"_s);
    failed.media->status = MediaStatus::Failed;
    show({pending, failed});
    QTest::qWait(50);
    QCOMPARE(m_server.fetches, 0);
    QCOMPARE(BubbleMedia::pictureNotice(*pending.media, false, ThumbnailCache::State::Loading),
             u"Arriving from WhatsApp\u2026"_s);
    QCOMPARE(BubbleMedia::pictureNotice(*pending.media, true, ThumbnailCache::State::Loading),
             u"Sending\u2026"_s);
    QCOMPARE(BubbleMedia::pictureNotice(*failed.media, false, ThumbnailCache::State::Failed),
             u"Could not be fetched from WhatsApp"_s);
    QCOMPARE(m_thumbnails->state(*failed.media), ThumbnailCache::State::Failed);
    QVERIFY(!layoutOf(0).media.isEmpty());
    QVERIFY(!layoutOf(1).media.isEmpty());
    QVERIFY(m_model->index(1).data(Qt::AccessibleTextRole).toString().contains(u"could not be fetched"_s));

    // When the file arrives, the bubble fetches its picture.
    Message arrived = pending;
    arrived.media->status = MediaStatus::Ready;
    m_model->applyEvents({m_script.updated(arrived, DeliveryStatus::Read)});
    QTRY_COMPARE(m_server.fetches, 1);
}

void TestConversationMedia::aThumbnailThatCannotBeHadFailsAndAClickTriesAgain()
{
    Message photo = m_script.customerOfKind(u"p1"_s, 1, MessageKind::Image);
    photo.media = ConversationScript::readyMedia(u"media-7"_s, u"image/jpeg"_s);
    m_server.pictures.insert(u"media-7"_s, "not a picture");
    show({photo});
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Failed);
    QCOMPARE(BubbleMedia::pictureNotice(*photo.media, false, ThumbnailCache::State::Failed),
             u"Could not be loaded. Click to try again."_s);
    QSignalSpy viewer(m_view.get(), &ConversationView::imageRequested);
    m_server.pictures.insert(u"media-7"_s, twoColourJpeg(QSize(100, 100)));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, layoutOf(0).media.center());
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Ready);
    QCOMPARE(m_server.fetches, 2);
    QCOMPARE(viewer.size(), 0); // the click was for trying again
}

void TestConversationMedia::aClickOnAPhotoAsksForTheViewer()
{
    Message photo = m_script.customerOfKind(u"p1"_s, 1, MessageKind::Image);
    photo.media = ConversationScript::readyMedia(u"media-8"_s, u"image/jpeg"_s);
    m_server.pictures.insert(u"media-8"_s, twoColourJpeg(QSize(320, 240)));
    show({photo});
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Ready);
    QSignalSpy viewer(m_view.get(), &ConversationView::imageRequested);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, layoutOf(0).media.center());
    QCOMPARE(viewer.size(), 1);
    QCOMPARE(viewer.first().first().value<MediaAttachment>().id, u"media-8"_s);
}

void TestConversationMedia::aDocumentIsAChipWithItsNameSizeAndType()
{
    Message document = m_script.customerOfKind(u"d1"_s, 1, MessageKind::Document, u"The invoice"_s);
    document.media =
        ConversationScript::readyMedia(u"media-9"_s, u"application/pdf"_s, u"invoice.pdf"_s, 200'000);
    show({document});
    const BubbleLayout parts = layoutOf(0);
    QVERIFY(!parts.media.isEmpty());
    QVERIFY(parts.media.width() > parts.media.height() * 3); // a chip, not a picture
    QVERIFY(parts.body.top() > parts.media.bottom());
    QCOMPARE(BubbleMedia::chipTitle(*document.media, MessageKind::Document), u"invoice.pdf"_s);
    client::DownloadState idle;
    const QString size = MessageWording::fileSize(200'000); // "195.3 kB" in English
    QCOMPARE(BubbleMedia::chipDetail(*document.media, false, idle), size + u" \u00b7 PDF \u00b7 Download"_s);
    client::DownloadState running{client::DownloadState::Phase::Running, 50'000, 200'000, {}, {}};
    QCOMPARE(BubbleMedia::chipDetail(*document.media, false, running), u"25%"_s);
    client::DownloadState done{client::DownloadState::Phase::Done, 200'000, 200'000, u"/x"_s, {}};
    QCOMPARE(BubbleMedia::chipDetail(*document.media, false, done), size + u" \u00b7 PDF \u00b7 Open"_s);
    QCOMPARE(m_server.fetches, 0); // a document has no picture
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(),
             u"Customer: Document: invoice.pdf, The invoice"_s);
}

void TestConversationMedia::aClickOnAFileOpensItOnceItIsOnDisk()
{
    Message document = m_script.customerOfKind(u"d1"_s, 1, MessageKind::Document);
    document.media = ConversationScript::readyMedia(u"media-10"_s, u"application/pdf"_s, u"terms.pdf"_s, 9);
    const QString path = m_disk->filePath(*document.media);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("%PDF-1.4\n") == 9);
    file.close();
    show({document});
    QSignalSpy open(m_view.get(), &ConversationView::fileOpenRequested);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, layoutOf(0).media.center());
    QVERIFY(open.wait(5000));
    QCOMPARE(open.first().first().toString(), path);
    QCOMPARE(m_downloads->state(u"media-10"_s).phase, client::DownloadState::Phase::Done);
    QCOMPARE(m_api->requestsInFlight(), 0); // nothing was fetched
}

void TestConversationMedia::aDownloadThatFailsSaysSoOnTheChip()
{
    Message document = m_script.customerOfKind(u"d1"_s, 1, MessageKind::Document);
    document.media = ConversationScript::readyMedia(u"media-11"_s, u"application/pdf"_s, u"lost.pdf"_s, 1000);
    show({document});
    QSignalSpy open(m_view.get(), &ConversationView::fileOpenRequested);
    QSignalSpy failed(m_downloads.get(), &client::MediaDownloads::failed);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, layoutOf(0).media.center());
    QCOMPARE(m_downloads->state(u"media-11"_s).phase, client::DownloadState::Phase::Running);
    QVERIFY(failed.wait(15000)); // nobody listens on the port
    QCOMPARE(BubbleMedia::chipDetail(*document.media, false, m_downloads->state(u"media-11"_s)),
             u"Download failed. Click to try again."_s);
    QCOMPARE(open.size(), 0);
}

void TestConversationMedia::audioVideoAndVoiceNotesAreChips()
{
    MediaAttachment voice = ConversationScript::readyMedia(u"a1"_s, u"audio/ogg"_s, {}, 12'000);
    voice.voice = true;
    QCOMPARE(BubbleMedia::chipTitle(voice, MessageKind::Audio), u"Voice message"_s);
    const MediaAttachment song = ConversationScript::readyMedia(u"a2"_s, u"audio/mpeg"_s, u"jingle.mp3"_s, 1);
    QCOMPARE(BubbleMedia::chipTitle(song, MessageKind::Audio), u"jingle.mp3"_s);
    const MediaAttachment film = ConversationScript::readyMedia(u"v1"_s, u"video/mp4"_s, {}, 3'000'000);
    QCOMPARE(BubbleMedia::chipTitle(film, MessageKind::Video), u"Video"_s);
    QVERIFY(!BubbleMedia::isPicture(MessageKind::Audio) && !BubbleMedia::isPicture(MessageKind::Video));

    Message audio = m_script.customerOfKind(u"a1"_s, 1, MessageKind::Audio);
    audio.media = voice;
    Message video = m_script.customerOfKind(u"v1"_s, 2, MessageKind::Video, u"Unboxing"_s);
    video.media = film;
    show({audio, video});
    QVERIFY(layoutOf(0).body.isEmpty());
    QCOMPARE(layoutOf(0).media.height(), layoutOf(1).media.height());
    QVERIFY(layoutOf(1).body.top() > layoutOf(1).media.bottom());
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(), u"Customer: Audio: Voice message"_s);
    QCOMPARE(m_server.fetches, 0);
}

void TestConversationMedia::aPlaceShowsItsNameAndAddressAndLinksToItsMap()
{
    Message place = m_script.customerOfKind(u"l1"_s, 1, MessageKind::Location);
    place.location = Location{53.5511, 9.9937, u"Harbour Café"_s, u"Landungsbrücken 3, Hamburg"_s};
    show({place});
    const BubbleLayout parts = layoutOf(0);
    QVERIFY(!parts.rich.isEmpty());
    QVERIFY(!parts.link.isEmpty() && parts.rich.contains(parts.link));
    QVERIFY(parts.body.isEmpty());
    const QList<RichLine> lines = BubbleRich::lines(MessageKind::Location, RichParts(m_model->index(0)));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).text.endsWith(u"Harbour Café"_s));
    QCOMPARE(lines.at(1).text, u"Landungsbrücken 3, Hamburg"_s);
    QCOMPARE(lines.at(2).style, RichLine::Style::Link);

    QSignalSpy link(m_view.get(), &ConversationView::linkRequested);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, parts.link.center());
    QCOMPARE(link.size(), 1);
    const QUrl url = link.first().first().toUrl();
    QCOMPARE(url.host(), u"www.openstreetmap.org"_s);
    QCOMPARE(QUrlQuery(url).queryItemValue(u"mlat"_s), u"53.551100"_s);
    QCOMPARE(QUrlQuery(url).queryItemValue(u"mlon"_s), u"9.993700"_s);
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(),
             u"Customer: Location: Harbour Café, Landungsbrücken 3, Hamburg"_s);
}

void TestConversationMedia::sharedContactsShowTheirNamesAndPhones()
{
    Message shared = m_script.customerOfKind(u"c1"_s, 1, MessageKind::Contacts);
    shared.contacts = {SharedContact{u"Jonas Weber"_s, {u"+49 40 1234567"_s, u"+49 170 7654321"_s}},
                       SharedContact{u"Mia Koch"_s, {u"+49 30 555000"_s}}};
    show({shared});
    const QList<RichLine> lines = BubbleRich::lines(MessageKind::Contacts, RichParts(m_model->index(0)));
    QStringList texts;
    for (const RichLine &line : lines)
        texts.append(line.text);
    QCOMPARE(texts, (QStringList{u"\U0001F464 Jonas Weber"_s, u"+49 40 1234567"_s, u"+49 170 7654321"_s,
                                 u"\U0001F464 Mia Koch"_s, u"+49 30 555000"_s}));
    QCOMPARE(lines.at(0).style, RichLine::Style::Strong);
    QCOMPARE(lines.at(1).style, RichLine::Style::Small);
    QVERIFY(layoutOf(0).rich.height() >= 5 * m_view->fontMetrics().height() * 8 / 10);
    QVERIFY(m_model->index(0).data(Qt::AccessibleTextRole).toString().contains(u"Mia Koch, +49 30 555000"_s));
}

void TestConversationMedia::aListReplyShowsItsTitleAndDescription()
{
    Message reply = m_script.customerOfKind(u"r1"_s, 1, MessageKind::Interactive);
    reply.interactive =
        InteractiveReply{u"list_reply"_s, u"slot-3"_s, u"Thursday 10:00"_s, u"With Dr. Weiss"_s};
    show({reply});
    const QList<RichLine> lines = BubbleRich::lines(MessageKind::Interactive, RichParts(m_model->index(0)));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0).text, u"Chose from the list"_s);
    QCOMPARE(lines.at(1).text, u"Thursday 10:00"_s);
    QCOMPARE(lines.at(2).text, u"With Dr. Weiss"_s);
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(),
             u"Customer: List reply: Thursday 10:00, With Dr. Weiss"_s);
}

void TestConversationMedia::anUnsupportedMessageSaysSoWithMetasTitle()
{
    const Message odd =
        m_script.customerOfKind(u"u1"_s, 1, MessageKind::Unsupported, u"Message type unknown"_s);
    show({odd});
    QCOMPARE(m_model->index(0).data().toString(), u"Message type unknown"_s); // Meta's title, as the text
    const QList<RichLine> lines = BubbleRich::lines(MessageKind::Unsupported, RichParts(m_model->index(0)));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().style, RichLine::Style::Muted);
    QVERIFY(lines.first().text.contains(u"does not pass this kind of message"_s));
    const BubbleLayout parts = layoutOf(0);
    QVERIFY(parts.body.top() > parts.rich.bottom());
    QCOMPARE(m_model->index(0).data(Qt::AccessibleTextRole).toString(),
             u"Customer: Unsupported message: Message type unknown"_s);
}

void TestConversationMedia::reactionsHangUnderTheMessageTheyReactTo()
{
    Message liked = m_script.agentText(u"t1"_s, 1, u"Your refund is on its way"_s);
    liked.reactions = {Reaction{u"\U0001F44D"_s, u"customer"_s, m_script.at(2)}};
    const Message plain = m_script.customer(u"t2"_s, 3, u"Thanks!"_s);
    show({liked, plain});
    const BubbleLayout parts = layoutOf(0);
    QVERIFY(!parts.reactions.isEmpty());
    QVERIFY(parts.reactions.top() < parts.bubble.bottom());    // over the edge...
    QVERIFY(parts.reactions.bottom() > parts.bubble.bottom()); // ...and under it
    QVERIFY(parts.reactions.right() <= parts.bubble.right());  // on the side of the outgoing bubble
    QVERIFY(m_view->visualRect(m_view->model()->index(0, 0)).bottom() >= parts.reactions.bottom());
    QVERIFY(layoutOf(1).reactions.isEmpty());
    QVERIFY(m_model->index(0).data(Qt::AccessibleTextRole).toString().endsWith(u" \U0001F44D"_s));

    // One pill per emoji, counted when several parties chose it.
    QCOMPARE(BubbleRich::reactionsText({Reaction{u"\u2764"_s, u"customer"_s, {}},
                                        Reaction{u"\u2764"_s, u"u1"_s, {}},
                                        Reaction{u"\U0001F44D"_s, u"u2"_s, {}}}),
             u"\u27642 \U0001F44D"_s);
}

void TestConversationMedia::aReactionThatComesLaterMakesRoomForItself()
{
    const Message asked = m_script.agentText(u"t1"_s, 1, u"Shall we deliver on Friday?"_s);
    show({asked, m_script.customer(u"t2"_s, 2, u"Sounds good"_s)});
    const int before = m_view->visualRect(m_view->model()->index(0, 0)).height();
    Message liked = asked;
    liked.reactions = {Reaction{u"\u2764\uFE0F"_s, u"customer"_s, m_script.at(3)}};
    m_model->applyEvents({m_script.updated(liked, DeliveryStatus::Read)});
    QTRY_VERIFY(m_view->visualRect(m_view->model()->index(0, 0)).height() > before);
    QCOMPARE(m_view->visualRect(m_view->model()->index(0, 0)).height(), layoutOf(0).height);
    QVERIFY(layoutOf(0).reactions.bottom() < layoutOf(1).bubble.top()); // the next bubble moved down
}

void TestConversationMedia::aDarkPaletteGivesDarkChipsWithLightText()
{
    m_view->setPalette(darkPalette());
    Message document = m_script.customerOfKind(u"d1"_s, 1, MessageKind::Document);
    document.media =
        ConversationScript::readyMedia(u"media-12"_s, u"application/pdf"_s, u"contract.pdf"_s, 5000);
    Message place = m_script.customerOfKind(u"l1"_s, 2, MessageKind::Location);
    place.location = Location{1, 2, u"Depot"_s, {}};
    show({document, place});
    QTest::qWait(20);
    const QImage image = grab();
    const QRect chip = layoutOf(0).media;
    const QColor fill = colourAt(image, QPoint(chip.right() - 3, chip.top() + 3));
    QVERIFY2(fill.lightness() < 110, qPrintable(fill.name()));
    int lightest = 0;
    for (const QRect &area : {chip, layoutOf(1).rich}) {
        for (int x = area.left(); x <= area.right(); x += 2)
            for (int y = area.top(); y <= area.bottom(); y += 2)
                lightest = std::max(lightest, colourAt(image, QPoint(x, y)).lightness());
    }
    QVERIFY2(lightest > 180, qPrintable(QString::number(lightest)));
}

void TestConversationMedia::picturesAreSharpAtHighDensity()
{
    const MediaAttachment media = ConversationScript::readyMedia(u"media-13"_s, u"image/jpeg"_s);
    QVERIFY(loadPicture(media, QSize(320, 240)));
    const QPixmap twice = m_thumbnails->pixmap(media, QSize(160, 120), 2.0);
    QCOMPARE(twice.devicePixelRatio(), 2.0);
    QCOMPARE(twice.size(), QSize(320, 240)); // device pixels: the whole thumbnail, not a blown-up half
    QCOMPARE(twice.deviceIndependentSize(), QSizeF(160, 120));
    const QImage pixels = twice.toImage();
    QVERIFY(!twice.hasAlphaChannel()); // opaque: painting it is a copy (the bubble rounds its corners)
    QVERIFY(near(pixels.pixelColor(80, 120), kLeft));
    QVERIFY(near(pixels.pixelColor(240, 120), kRight));
}

void TestConversationMedia::everyKindTogetherInLightAndDark_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// Every kind in one conversation, grabbed (to HANDOVER_ARTIFACT_DIR when set, for people to look at); no
// bubble may overlap another.
void TestConversationMedia::everyKindTogetherInLightAndDark()
{
    QFETCH(bool, dark);
    if (dark)
        m_view->setPalette(darkPalette());
    Message photo = m_script.customerOfKind(u"k1"_s, 1, MessageKind::Image, u"The box arrived like this"_s);
    photo.media = ConversationScript::readyMedia(u"kind-1"_s, u"image/jpeg"_s);
    photo.reactions = {Reaction{u"\U0001F44D"_s, ConversationScript::kAgent, m_script.at(2)}};
    m_server.pictures.insert(u"kind-1"_s, twoColourJpeg(QSize(320, 240)));
    Message pending = m_script.customerOfKind(u"k2"_s, 2, MessageKind::Image);
    pending.media = ConversationScript::readyMedia(u"kind-2"_s, u"image/jpeg"_s);
    pending.media->status = MediaStatus::Pending;
    Message document = m_script.agentText(u"k3"_s, 3, u"Here is your invoice"_s);
    document.kind = MessageKind::Document;
    document.media =
        ConversationScript::readyMedia(u"kind-3"_s, u"application/pdf"_s, u"invoice-0412.pdf"_s, 84'000);
    Message voice = m_script.customerOfKind(u"k4"_s, 4, MessageKind::Audio);
    voice.media = ConversationScript::readyMedia(u"kind-4"_s, u"audio/ogg"_s, {}, 23'000);
    voice.media->voice = true;
    Message place = m_script.customerOfKind(u"k5"_s, 5, MessageKind::Location);
    place.location = Location{53.5511, 9.9937, u"Harbour Café"_s, u"Landungsbrücken 3, Hamburg"_s};
    Message contact = m_script.customerOfKind(u"k6"_s, 6, MessageKind::Contacts);
    contact.contacts = {SharedContact{u"Jonas Weber"_s, {u"+49 40 1234567"_s}}};
    Message list = m_script.customerOfKind(u"k7"_s, 7, MessageKind::Interactive);
    list.interactive = InteractiveReply{u"list_reply"_s, u"s3"_s, u"Thursday 10:00"_s, u"With Dr. Weiss"_s};
    const Message odd =
        m_script.customerOfKind(u"k8"_s, 8, MessageKind::Unsupported, u"Message type unknown"_s);
    m_view->resize(520, 1500);
    show({photo, pending, document, voice, place, contact, list, odd});
    QTRY_COMPARE(m_thumbnails->state(*photo.media), ThumbnailCache::State::Ready);
    QTest::qWait(50);
    for (int row = 0; row + 1 < m_model->rowCount(); ++row)
        QVERIFY2(layoutOf(row).bubble.bottom() < layoutOf(row + 1).bubble.top(),
                 qPrintable(QString::number(row)));
    const QImage image = grab();
    const QString directory = qEnvironmentVariable("HANDOVER_ARTIFACT_DIR");
    if (!directory.isEmpty()) {
        QDir().mkpath(directory);
        const QString file =
            QDir(directory).filePath(u"conversation-media-%1.png"_s.arg(dark ? u"dark"_s : u"light"_s));
        QVERIFY2(image.save(file), qPrintable(file));
    }
}

QTEST_MAIN(TestConversationMedia)
#include "tst_conversationmedia.moc"
