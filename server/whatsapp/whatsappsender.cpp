#include "server/whatsapp/whatsappsender.h"

#include "core/logging.h"
#include "core/rules/delivery.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/mediafiles.h"
#include "core/store/server/messages.h"
#include "core/store/server/whatsappqueues.h"
#include "server/media/mediastore.h"
#include "server/services/outcomecommit.h"
#include "server/whatsapp/mediauploader.h"
#include "server/whatsapp/metaoutbound.h"
#include "server/whatsapp/phoneaccesstokens.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <algorithm>

namespace handover {

namespace ss = store::server;

namespace {
constexpr int kBatch = 64;
constexpr int kIdleCheckMs = 2'000;

// Loads a queued message and its chatroom, applies `decide`, writes the outcome and leaves the queue.
Command outboundCommand(const MessageId &messageId, const Clock &clock, IdSource &ids,
                        std::function<Outcome(const Chatroom &, const Message &, RuleContext &)> decide)
{
    return [messageId, &clock, &ids, decide = std::move(decide)](QSqlDatabase &db) -> Result<CommandEffects> {
        auto message = ss::findMessage(db, messageId);
        if (!message)
            return message.error();
        CommandEffects none;
        if (!message->has_value()) {
            (void)ss::removeOutbound(db, messageId);
            return none;
        }
        auto chatroom = ss::findChatroom(db, (*message)->chatroomId);
        if (!chatroom)
            return chatroom.error();
        if (!chatroom->has_value())
            return none;
        auto seq = nextSeqFor(db, (*chatroom)->orgId);
        if (!seq)
            return seq.error();
        RuleContext rules(clock, ids, *seq);
        const Outcome outcome = decide(**chatroom, **message, rules);
        if (auto removed = ss::removeOutbound(db, messageId); !removed)
            return removed.error();
        if (!outcome.changed())
            return none;
        return commitOutcome(db, outcome, rules.now(), 200, {});
    };
}
} // namespace

WhatsAppSender::WhatsAppSender(const Clock &clock, IdSource &ids, QSqlDatabase &readDb,
                               CommandRunner &commands, const PhoneAccessTokens &tokens,
                               const MediaStore &files, WhatsAppSenderOptions options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_ids(ids)
    , m_db(readDb)
    , m_commands(commands)
    , m_tokens(tokens)
    , m_files(files)
    , m_options(std::move(options))
    , m_uploader(std::make_unique<MediaUploader>(m_options.graphUrl, m_options.timeoutMs))
    , m_waker([this] { pump(); }, kIdleCheckMs)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

WhatsAppSender::~WhatsAppSender() = default;

qint64 WhatsAppSender::retryDelayMs(int attempt)
{
    const qint64 base = 2000LL << std::min(attempt - 1, 8); // 2 s doubling, at most ~8.5 min
    return std::min<qint64>(base, 5 * 60 * 1000);
}

void WhatsAppSender::wake()
{
    m_waker.wake();
}

void WhatsAppSender::pump()
{
    m_waker.pumping();
    const int room = m_options.maxInFlight - int(m_inFlight.size());
    if (room <= 0)
        return;
    auto due = ss::dueOutbound(m_db, m_clock.now(), std::min(kBatch, room + int(m_inFlight.size())));
    if (!due) {
        qCWarning(lcWhatsApp) << "reading the send queue failed:" << due.error().description;
        return;
    }
    int started = 0;
    for (const ss::OutboundSend &send : std::as_const(*due)) {
        if (started >= room)
            break;
        if (m_inFlight.contains(send.messageId))
            continue;
        post(send.messageId, send.attempts, send.createdAt);
        ++started;
    }
}

void WhatsAppSender::post(const MessageId &messageId, int attempts, const QDateTime &queuedAt)
{
    auto message = ss::findMessage(m_db, messageId);
    if (!message || !message->has_value())
        return;
    auto chatroom = ss::findChatroom(m_db, (*message)->chatroomId);
    if (!chatroom || !chatroom->has_value())
        return;
    const QString remotePhoneId = (*chatroom)->remotePhoneId;
    m_inFlight.insert(messageId);
    const Result<QString> token = m_tokens.tokenFor(remotePhoneId);
    if (!token) {
        qCCritical(lcWhatsApp).noquote()
            << "no access token for phone" << remotePhoneId << ":" << token.error().description;
        retryLater(messageId, attempts + 1, queuedAt, token.error().description);
        return;
    }
    const QString to = (*chatroom)->phoneNumber;
    if (!(*message)->media) {
        postRequest(messageId, attempts, queuedAt, remotePhoneId, *token, metaSendRequest(**message, to));
        return;
    }
    // A file goes to Meta first (once: its id is kept for retries), then the message that shows it.
    const Message sent = **message;
    auto media = ss::mediaById(m_db, (*chatroom)->orgId, sent.media->id);
    if (!media || !media->has_value()) {
        refused(messageId, QStringLiteral("the file of this message is gone"));
        return;
    }
    if (!(*media)->waMediaId.isEmpty()) {
        postRequest(messageId, attempts, queuedAt, remotePhoneId, *token,
                    metaSendRequest(sent, to, (*media)->waMediaId));
        return;
    }
    const MediaUploader::Upload upload{remotePhoneId, *token, m_files.pathOf((*media)->sha256),
                                       (*media)->mimeType, (*media)->filename};
    m_uploader->upload(upload, [this, messageId, attempts, queuedAt, remotePhoneId, token = *token, sent, to,
                                mediaId = sent.media->id](const Result<QString> &waMediaId, bool permanent) {
        if (!waMediaId) {
            if (permanent)
                refused(messageId, waMediaId.error().description);
            else
                retryLater(messageId, attempts + 1, queuedAt, waMediaId.error().description);
            return;
        }
        const QString uploaded = *waMediaId;
        const QDateTime now = m_clock.now();
        m_commands.run(
            [mediaId, uploaded, now](QSqlDatabase &db) -> Result<CommandEffects> {
                if (auto kept = ss::setUploadedMediaId(db, mediaId, uploaded, now); !kept)
                    return kept.error();
                return CommandEffects{};
            },
            [](const Result<CommandEffects> &) {});
        postRequest(messageId, attempts, queuedAt, remotePhoneId, token, metaSendRequest(sent, to, uploaded));
    });
}

void WhatsAppSender::postRequest(const MessageId &messageId, int attempts, const QDateTime &queuedAt,
                                 const QString &remotePhoneId, const QString &token, const QJsonObject &json)
{
    QUrl url = m_options.graphUrl;
    url.setPath(url.path() + QStringLiteral("/v21.0/") + remotePhoneId + QStringLiteral("/messages"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    request.setTransferTimeout(m_options.timeoutMs);
    const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, messageId, attempts, queuedAt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status >= 200 && status < 300) {
            const QString waId = metaSentMessageId(answer);
            if (!waId.isEmpty()) {
                accepted(messageId, waId);
                return;
            }
        }
        const bool permanent =
            status >= 400 && status < 500 && status != 429 && status != 401 && status != 403;
        const QString error = status ? metaErrorText(answer, status) : reply->errorString();
        if (permanent)
            refused(messageId, error);
        else
            retryLater(messageId, attempts + 1, queuedAt, error);
    });
}

void WhatsAppSender::accepted(const MessageId &messageId, const QString &waMessageId)
{
    ++m_sent;
    m_commands.run(
        outboundCommand(messageId, m_clock, m_ids,
                        [waMessageId](const Chatroom &chatroom, const Message &message, RuleContext &rules) {
                            return applyChannelAccepted(chatroom, message, waMessageId, rules);
                        }),
        [this, messageId](const Result<CommandEffects> &) { finished(messageId); });
}

void WhatsAppSender::refused(const MessageId &messageId, const QString &error)
{
    ++m_failed;
    qCWarning(lcWhatsApp) << "WhatsApp refused message" << messageId << ":" << error;
    m_commands.run(
        outboundCommand(messageId, m_clock, m_ids,
                        [error](const Chatroom &chatroom, const Message &message, RuleContext &rules) {
                            return applyDeliveryStatus(chatroom, message, DeliveryStatus::Failed, error,
                                                       rules);
                        }),
        [this, messageId](const Result<CommandEffects> &) { finished(messageId); });
}

void WhatsAppSender::retryLater(const MessageId &messageId, int attempts, const QDateTime &queuedAt,
                                const QString &error)
{
    if (queuedAt.isValid() && queuedAt.msecsTo(m_clock.now()) > kGiveUpAfterMs) {
        refused(messageId, error);
        return;
    }
    qCInfo(lcWhatsApp) << "sending" << messageId << "failed, attempt" << attempts << ":" << error;
    const QDateTime next = m_clock.now().addMSecs(retryDelayMs(attempts));
    m_commands.run(
        [messageId, error, next](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto recorded = ss::recordOutboundFailure(db, messageId, error, next); !recorded)
                return recorded.error();
            return CommandEffects{};
        },
        [this, messageId](const Result<CommandEffects> &) { finished(messageId); });
}

void WhatsAppSender::finished(const MessageId &messageId)
{
    m_inFlight.remove(messageId);
    wake();
}

} // namespace handover
