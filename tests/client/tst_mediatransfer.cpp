// The console's media transfers against the real server: uploads with their limits, a sent file back whole
// and as a thumbnail, downloads into the media cache, and the cache's names for files.
#include "client/apiclient.h"
#include "client/mediacache.h"
#include "client/mediadownloads.h"
#include "client/mediaupload.h"
#include "tests/client/awaitanswer.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

// A real JPEG photo of `size`, in stripes so that a thumbnail of it is not one colour.
QByteArray jpegPhoto(const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, (x / 40) % 2 ? qRgb(200, 60, 40) : qRgb(40, 90, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QString hexSha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestMediaTransfer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anUploadAnswersItsIdTypeSizeNameAndHash();
    void aFileOverWhatsAppsLimitIsRefusedBeforeAndByTheServer();
    void aSentPhotoComesBackWholeAndAsAThumbnail();
    void anUnknownFileIsNotFoundAndLeavesNothingOnDisk();
    void aDownloadRunsOnceAndAFileOnDiskIsDoneAtOnce();
    void aRefusedUploadFailsAtOnce();
    void filesGoOutAsTheKindTheirTypeMakes_data();
    void filesGoOutAsTheKindTheirTypeMakes();
    void theCacheNamesFilesSafelyOnEverySystem_data();
    void theCacheNamesFilesSafelyOnEverySystem();

private:
    UploadedMedia upload(const QString &path, const QString &mimeType);

    ClientTestOrg m_org;
    QTemporaryDir m_files;
    std::unique_ptr<ApiClient> m_member;
    QString m_room;
    QByteArray m_photo;
};

void TestMediaTransfer::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
    QVERIFY2(m_org.customerWrites(m_room, u"Here is the damage"_s), m_org.why()); // the window opens
    m_member = std::make_unique<ApiClient>(m_org.url());
    m_member->setToken(m_org.member.token);
    m_member->setOrgId(m_org.member.user.orgId);
    m_photo = jpegPhoto(QSize(1600, 1200));
}

UploadedMedia TestMediaTransfer::upload(const QString &path, const QString &mimeType)
{
    auto answer = awaitAnswer<UploadedMedia>([&](QObject *ctx, auto done) {
        m_member->uploadMedia(path, mimeType, QFileInfo(path).fileName(), ctx, {}, done);
    });
    if (!answer)
        qFatal("the upload of %s got no answer", qPrintable(path));
    return MUST_OK(*answer);
}

void TestMediaTransfer::anUploadAnswersItsIdTypeSizeNameAndHash()
{
    const QByteArray pdf = "%PDF-1.4\n% an invoice\n" + QByteArray(200'000, 'x');
    const QString path = writeFile(m_files, u"Rechnung März #12.pdf"_s, pdf);
    QVERIFY(!path.isEmpty());
    qint64 sentMost = 0;
    auto answer = awaitAnswer<UploadedMedia>([&](QObject *ctx, auto done) {
        m_member->uploadMedia(
            path, u"application/pdf"_s, u"Rechnung März #12.pdf"_s, ctx,
            [&](qint64 sent, qint64) { sentMost = std::max(sentMost, sent); }, done);
    });
    QVERIFY(answer);
    const UploadedMedia media = MUST_OK(*answer);
    QVERIFY(!media.id.isEmpty());
    QCOMPARE(media.mimeType, u"application/pdf"_s);
    QCOMPARE(media.size, qint64(pdf.size()));
    QCOMPARE(media.filename, u"Rechnung März #12.pdf"_s); // X-Filename is percent-encoded UTF-8
    QCOMPARE(media.sha256, hexSha256(pdf));
    QCOMPARE(sentMost, qint64(pdf.size()));
}

void TestMediaTransfer::aFileOverWhatsAppsLimitIsRefusedBeforeAndByTheServer()
{
    const QString path = writeFile(m_files, u"huge.jpg"_s, m_photo + QByteArray(kMaxImageBytes, '\0'));
    const Attachment attachment = Attachment::fromFile(path);
    QCOMPARE(attachment.mimeType, u"image/jpeg"_s);
    QCOMPARE(attachment.problem, Attachment::Problem::TooLarge);
    QCOMPARE(attachment.limit, kMaxImageBytes);
    // The console never sends it; the server would refuse it anyway, with API.md's error.
    auto answer = awaitAnswer<UploadedMedia>([&](QObject *ctx, auto done) {
        m_member->uploadMedia(path, u"image/jpeg"_s, u"huge.jpg"_s, ctx, {}, done);
    });
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().httpStatus, 413);
    QCOMPARE(answer->error().error.code, ErrorCode::PayloadTooLarge);

    const QString empty = writeFile(m_files, u"empty.pdf"_s, {});
    QCOMPARE(Attachment::fromFile(empty).problem, Attachment::Problem::Empty);
    QCOMPARE(Attachment::fromFile(m_files.filePath(u"missing.pdf"_s)).problem,
             Attachment::Problem::Unreadable);
    QCOMPARE(Attachment::fromFile(m_files.path()).problem, Attachment::Problem::Unreadable);
}

void TestMediaTransfer::aSentPhotoComesBackWholeAndAsAThumbnail()
{
    const QString path = writeFile(m_files, u"parcel.jpg"_s, m_photo);
    const UploadedMedia media = upload(path, u"image/jpeg"_s);
    auto sent = awaitAnswer<QJsonObject>([&](QObject *ctx, auto done) {
        m_member->command(CommandKind::SendMedia, m_room,
                          ApiClient::sendMediaBody(MessageKind::Image, media.id, u"The parcel as it left"_s),
                          {}, ctx, done);
    });
    QVERIFY(sent);
    const QJsonObject message = MUST_OK(*sent);
    QCOMPARE(message.value("kind"_L1).toString(), u"image"_s);
    QCOMPARE(message.value("media"_L1).toObject().value("status"_L1).toString(), u"ready"_s);
    QCOMPARE(message.value("media"_L1).toObject().value("caption"_L1).toString(), u"The parcel as it left"_s);

    auto thumbnail = awaitAnswer<QByteArray>(
        [&](QObject *ctx, auto done) { m_member->mediaBytes(media.id, MediaVariant::Thumbnail, ctx, done); });
    QVERIFY(thumbnail);
    const QImage small = QImage::fromData(MUST_OK(*thumbnail), "JPEG");
    QCOMPARE(small.size(), QSize(320, 240));

    const QString target = m_files.filePath(u"cache/files/parcel.jpg"_s);
    QList<qint64> progress;
    auto whole = awaitAnswer<QString>([&](QObject *ctx, auto done) {
        m_member->downloadMedia(
            media.id, target, ctx, [&](qint64 received, qint64) { progress.append(received); }, done);
    });
    QVERIFY(whole);
    QCOMPARE(MUST_OK(*whole), target);
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), m_photo);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qint64(m_photo.size()));
    QCOMPARE(QDir(QFileInfo(target).absolutePath()).entryList(QDir::Files), QStringList{u"parcel.jpg"_s});
}

void TestMediaTransfer::anUnknownFileIsNotFoundAndLeavesNothingOnDisk()
{
    auto bytes = awaitAnswer<QByteArray>([&](QObject *ctx, auto done) {
        m_member->mediaBytes(u"no-such-media"_s, MediaVariant::Original, ctx, done);
    });
    QVERIFY(bytes && !bytes->ok());
    QCOMPARE(bytes->error().httpStatus, 404);
    QCOMPARE(bytes->error().error.code, ErrorCode::NotFound);

    const QString target = m_files.filePath(u"missing/file.pdf"_s);
    auto file = awaitAnswer<QString>(
        [&](QObject *ctx, auto done) { m_member->downloadMedia(u"no-such-media"_s, target, ctx, {}, done); });
    QVERIFY(file && !file->ok());
    QCOMPARE(file->error().httpStatus, 404);
    QVERIFY(!QFile::exists(target));
    QVERIFY(QDir(m_files.filePath(u"missing"_s)).entryList(QDir::Files).isEmpty()); // no half file either
}

void TestMediaTransfer::aDownloadRunsOnceAndAFileOnDiskIsDoneAtOnce()
{
    const QByteArray pdf = "%PDF-1.4\n" + QByteArray(300'000, 'y');
    const QString path = writeFile(m_files, u"terms.pdf"_s, pdf);
    const UploadedMedia uploaded = upload(path, u"application/pdf"_s);
    // Supervisors may fetch an upload that has not been sent; here the member sends it first.
    auto sent = awaitAnswer<QJsonObject>([&](QObject *ctx, auto done) {
        m_member->command(CommandKind::SendMedia, m_room,
                          ApiClient::sendMediaBody(MessageKind::Document, uploaded.id, {}), {}, ctx, done);
    });
    QVERIFY(sent && sent->ok());

    QTemporaryDir cacheDir;
    const MediaCache cache(cacheDir.path());
    MediaDownloads downloads(*m_member, cache);
    const MediaAttachment media = uploaded.attachment();
    QSignalSpy finished(&downloads, &MediaDownloads::finished);
    downloads.download(media);
    downloads.download(media); // running: not a second transfer
    QCOMPARE(downloads.state(media.id).phase, DownloadState::Phase::Running);
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.size(), 1);
    const QString onDisk = finished.first().at(1).toString();
    QCOMPARE(onDisk, cache.filePath(media));
    QVERIFY(onDisk.endsWith(u"/terms.pdf"_s));
    QCOMPARE(downloads.state(media.id).phase, DownloadState::Phase::Done);
    QCOMPARE(downloads.state(media.id).received, qint64(pdf.size()));

    MediaDownloads again(*m_member, cache); // a later session: the file is there
    QSignalSpy done(&again, &MediaDownloads::finished);
    again.download(media);
    QVERIFY(done.wait(5000));
    QCOMPARE(done.first().at(1).toString(), onDisk);
    QCOMPARE(m_member->requestsInFlight(), 0);
}

void TestMediaTransfer::aRefusedUploadFailsAtOnce()
{
    // A media type the server does not take as a file's (JSON) is refused: not a reason to try again.
    const QString path = writeFile(m_files, u"data.json"_s, "{\"a\": 1}");
    Attachment attachment = Attachment::fromFile(path);
    QCOMPARE(attachment.mimeType, u"application/json"_s);
    MediaUpload upload(*m_member, attachment);
    QSignalSpy failed(&upload, &MediaUpload::failed);
    QSignalSpy uploaded(&upload, &MediaUpload::uploaded);
    upload.start();
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.first().first().value<ApiError>().error.code, ErrorCode::ValidationFailed);
    QVERIFY(!upload.isRunning());
    QVERIFY(uploaded.isEmpty());
}

void TestMediaTransfer::filesGoOutAsTheKindTheirTypeMakes_data()
{
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<MessageKind>("kind");
    QTest::newRow("a JPEG is a photo") << u"image/jpeg"_s << MessageKind::Image;
    QTest::newRow("a PNG is a photo") << u"image/png"_s << MessageKind::Image;
    QTest::newRow("a GIF is a document: WhatsApp shows only JPEG and PNG")
        << u"image/gif"_s << MessageKind::Document;
    QTest::newRow("an MP3 is audio") << u"audio/mpeg"_s << MessageKind::Audio;
    QTest::newRow("an Ogg voice note is audio") << u"audio/ogg"_s << MessageKind::Audio;
    QTest::newRow("an MP4 is a video") << u"video/mp4"_s << MessageKind::Video;
    QTest::newRow("a QuickTime film is a document") << u"video/quicktime"_s << MessageKind::Document;
    QTest::newRow("a PDF is a document") << u"application/pdf"_s << MessageKind::Document;
}

void TestMediaTransfer::filesGoOutAsTheKindTheirTypeMakes()
{
    QFETCH(QString, mimeType);
    QFETCH(MessageKind, kind);
    QCOMPARE(mediaKindFor(mimeType), kind);
    const QJsonObject body = ApiClient::sendMediaBody(kind, u"m1"_s, u"A caption"_s);
    QCOMPARE(body.value("type"_L1).toString(), messageKindName(kind));
    QCOMPARE(body.value("media_id"_L1).toString(), u"m1"_s);
    // Audio has no caption on WhatsApp.
    QCOMPARE(body.contains("caption"_L1), kind != MessageKind::Audio);
}

void TestMediaTransfer::theCacheNamesFilesSafelyOnEverySystem_data()
{
    QTest::addColumn<QString>("filename");
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<QString>("safe");
    QTest::newRow("a plain name stays") << u"invoice 12.pdf"_s << u"application/pdf"_s << u"invoice 12.pdf"_s;
    QTest::newRow("folders are not followed")
        << u"../../etc/passwd"_s << u"text/plain"_s << u"_.._etc_passwd"_s;
    QTest::newRow("Windows' reserved characters go")
        << u"a<b>c:d\"e|f?g*h.txt"_s << u"text/plain"_s << u"a_b_c_d_e_f_g_h.txt"_s;
    QTest::newRow("a hidden name is not hidden") << u".bashrc"_s << u"text/plain"_s << u"bashrc"_s;
    QTest::newRow("a device name of Windows is not one") << u"CON.txt"_s << u"text/plain"_s << u"_CON.txt"_s;
    QTest::newRow("no name: the kind and the type's suffix")
        << QString() << u"image/jpeg"_s << u"photo.jpg"_s;
    QTest::newRow("no name of a document") << QString() << u"application/pdf"_s << u"file.pdf"_s;
    QTest::newRow("a long name keeps its suffix")
        << QString(200, u'a') + u".pdf"_s << u"application/pdf"_s << QString(116, u'a') + u".pdf"_s;
}

void TestMediaTransfer::theCacheNamesFilesSafelyOnEverySystem()
{
    QFETCH(QString, filename);
    QFETCH(QString, mimeType);
    QFETCH(QString, safe);
    MediaAttachment media;
    media.id = u"m/1"_s;
    media.filename = filename;
    media.mimeType = mimeType;
    QCOMPARE(MediaCache::safeFileName(media), safe);
    const MediaCache cache(u"/cache"_s);
    QCOMPARE(cache.filePath(media), u"/cache/files/id-m_1/"_s + safe); // no hash yet: by media id
    media.sha256 = u"ABCDEF"_s;
    QCOMPARE(cache.thumbnailPath(media), u"/cache/thumbs/abcdef.jpg"_s);
}

QTEST_MAIN(TestMediaTransfer)
#include "tst_mediatransfer.moc"
