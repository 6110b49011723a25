#include "connectionpool.h"

#include <QEventLoop>
#include <algorithm>
#include <functional>

namespace handover::bench {

ConnectionPool::ConnectionPool(quint16 port, int size)
{
    const QByteArray probe = httpRequest("GET", QStringLiteral("/healthz"), {});
    while (this->size() < size) {
        const int from = this->size();
        const int to = std::min(size, from + 32);
        for (int i = from; i < to; ++i)
            m_connections.push_back(std::make_unique<HttpConnection>(&m_context, port));
        for (int attempt = 0, broken = 1; attempt < 5 && broken > 0; ++attempt) {
            broken = 0;
            int waiting = to - from;
            QEventLoop loop;
            for (int i = from; i < to; ++i) {
                at(i).send(probe, [&](const HttpAnswer &answer) {
                    broken += answer.status == 200 ? 0 : 1;
                    if (--waiting == 0)
                        loop.quit();
                });
            }
            loop.exec();
        }
    }
}

QList<HttpAnswer> ConnectionPool::all(const QList<QByteArray> &requests)
{
    QList<HttpAnswer> answers(requests.size());
    qsizetype next = 0;
    qsizetype done = 0;
    QEventLoop loop;
    std::function<void(HttpConnection &)> feed = [&](HttpConnection &connection) {
        if (next >= requests.size())
            return;
        const qsizetype index = next++;
        connection.send(requests[index], [&, index](const HttpAnswer &answer) {
            answers[index] = answer;
            if (++done == requests.size())
                loop.quit();
            feed(connection);
        });
    };
    for (auto &connection : m_connections)
        feed(*connection);
    if (done < requests.size())
        loop.exec();
    return answers;
}

} // namespace handover::bench
