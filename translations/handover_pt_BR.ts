<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>BubbleMedia</name>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Arriving from WhatsApp…</source>
        <translation>Chegando do WhatsApp…</translation>
    </message>
    <message>
        <source>Could not be fetched from WhatsApp</source>
        <translation>Não foi possível buscar no WhatsApp</translation>
    </message>
    <message>
        <source>Could not be loaded. Click to try again.</source>
        <translation>Não foi possível carregar. Clique para tentar de novo.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Baixando…</translation>
    </message>
    <message>
        <source>Download failed. Click to try again.</source>
        <translation>O download falhou. Clique para tentar de novo.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>%1 · Open</source>
        <translation>%1 · Abrir</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Baixar</translation>
    </message>
    <message>
        <source>%1 · Download</source>
        <translation>%1 · Baixar</translation>
    </message>
</context>
<context>
    <name>BubbleRich</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Open the map</source>
        <translation>Abrir o mapa</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>Chose the button</source>
        <translation>Escolheu o botão</translation>
    </message>
    <message>
        <source>Chose from the list</source>
        <translation>Escolheu da lista</translation>
    </message>
    <message>
        <source>⚠ WhatsApp does not pass this kind of message on to businesses. Ask the customer to send it another way.</source>
        <translation>⚠ O WhatsApp não repassa este tipo de mensagem para empresas. Peça ao cliente que a envie de outra forma.</translation>
    </message>
</context>
<context>
    <name>ChatroomSpokenText</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n não lida</numerusform>
            <numerusform>%n não lidas</numerusform>
        </translation>
    </message>
    <message>
        <source>awaiting handover</source>
        <translation>aguardando transferência</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrado</translation>
    </message>
</context>
<context>
    <name>ComposerMode</name>
    <message>
        <source>No chatroom is open.</source>
        <translation>Nenhum chat aberto.</translation>
    </message>
    <message>
        <source>This chatroom is deactivated: nothing can be sent to it.</source>
        <translation>Este chat está desativado: não é possível enviar nada.</translation>
    </message>
    <message>
        <source>This chatroom has expired: nothing can be sent to it.</source>
        <translation>Este chat expirou: não é possível enviar nada.</translation>
    </message>
    <message>
        <source>The 24-hour window closes in %1.</source>
        <translation>A janela de 24 horas fecha em %1.</translation>
    </message>
    <message>
        <source>You are not a participant in this chatroom: only templates can be sent.</source>
        <translation>Você não participa deste chat: só é possível enviar modelos.</translation>
    </message>
    <message>
        <source>The customer has not written yet: only templates can be sent.</source>
        <translation>O cliente ainda não escreveu: só é possível enviar modelos.</translation>
    </message>
    <message>
        <source>The 24-hour window closed %1 ago: only templates can be sent.</source>
        <translation>A janela de 24 horas fechou há %1: só é possível enviar modelos.</translation>
    </message>
</context>
<context>
    <name>ConversationText</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>Handed over to %1: the customer wrote a message</source>
        <translation>Transferido para %1: o cliente escreveu uma mensagem</translation>
    </message>
    <message>
        <source>Handed over to %1: the customer tapped “%2”</source>
        <translation>Transferido para %1: o cliente tocou em “%2”</translation>
    </message>
    <message>
        <source>Reassigned to %1</source>
        <translation>Reatribuído a %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Handed over to you: the customer wrote a message.</source>
        <translation>Transferido para você: o cliente escreveu uma mensagem.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped a button.</source>
        <translation>Transferido para você: o cliente tocou em um botão.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped “%1”.</source>
        <translation>Transferido para você: o cliente tocou em “%1”.</translation>
    </message>
    <message>
        <source>Reassigned to you.</source>
        <translation>Reatribuído a você.</translation>
    </message>
    <message>
        <source>Assigned to you when it was created.</source>
        <translation>Atribuído a você na criação.</translation>
    </message>
    <message>
        <source>Assigned to you (%1).</source>
        <translation>Atribuído a você (%1).</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>Um agente</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Não enviada</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Não enviada: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoCatalog</name>
    <message>
        <source>Nordhaus Furniture (demo)</source>
        <translation>Nordhaus Móveis (demo)</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Recepção</translation>
    </message>
</context>
<context>
    <name>LocalMode</name>
    <message>
        <source>Demo admin</source>
        <translation>Admin de demonstração</translation>
    </message>
</context>
<context>
    <name>LocalWebhookReceiver</name>
    <message>
        <source>webhook-id, webhook-timestamp or webhook-signature missing</source>
        <translation>falta webhook-id, webhook-timestamp ou webhook-signature</translation>
    </message>
    <message>
        <source>webhook-timestamp is not a number</source>
        <translation>webhook-timestamp não é um número</translation>
    </message>
    <message>
        <source>webhook-timestamp is more than 5 minutes away</source>
        <translation>webhook-timestamp está a mais de 5 minutos de distância</translation>
    </message>
    <message>
        <source>no secret to verify with</source>
        <translation>nenhum segredo para verificar</translation>
    </message>
    <message>
        <source>no signature matches</source>
        <translation>nenhuma assinatura confere</translation>
    </message>
</context>
<context>
    <name>MessageWording</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <source>List reply</source>
        <translation>Resposta de lista</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Mensagem não suportada</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Sent a photo</source>
        <translation>Enviou uma foto</translation>
    </message>
    <message>
        <source>Sent a photo: %1</source>
        <translation>Enviou uma foto: %1</translation>
    </message>
    <message>
        <source>Sent a document</source>
        <translation>Enviou um documento</translation>
    </message>
    <message>
        <source>Sent a document: %1</source>
        <translation>Enviou um documento: %1</translation>
    </message>
    <message>
        <source>Sent a voice message</source>
        <translation>Enviou uma mensagem de voz</translation>
    </message>
    <message>
        <source>Sent an audio file: %1</source>
        <translation>Enviou um arquivo de áudio: %1</translation>
    </message>
    <message>
        <source>Sent a video</source>
        <translation>Enviou um vídeo</translation>
    </message>
    <message>
        <source>Sent a video: %1</source>
        <translation>Enviou um vídeo: %1</translation>
    </message>
    <message>
        <source>Sent a sticker</source>
        <translation>Enviou uma figurinha</translation>
    </message>
    <message>
        <source>Shared a location</source>
        <translation>Compartilhou uma localização</translation>
    </message>
    <message>
        <source>Shared a location: %1</source>
        <translation>Compartilhou uma localização: %1</translation>
    </message>
    <message>
        <source>Shared a contact</source>
        <translation>Compartilhou um contato</translation>
    </message>
    <message>
        <source>Shared a contact: %1</source>
        <translation>Compartilhou um contato: %1</translation>
    </message>
    <message>
        <source>Chose “%1”</source>
        <translation>Escolheu “%1”</translation>
    </message>
    <message>
        <source>Sent a message that cannot be shown here</source>
        <translation>Enviou uma mensagem que não pode ser exibida aqui</translation>
    </message>
</context>
<context>
    <name>handover::AttachmentStrip</name>
    <message>
        <source>Remove the attachment</source>
        <translation>Remover o anexo</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Envio do arquivo</translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Enviando o arquivo…</translation>
    </message>
</context>
<context>
    <name>handover::BoardColumnView</name>
    <message>
        <source>Awaiting handover</source>
        <translation>Aguardando transferência</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Usuário desconhecido</translation>
    </message>
    <message>
        <source>Waiting for an agent</source>
        <translation>Aguardando um agente</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message numerus="yes">
        <source>%n chatroom(s)</source>
        <translation>
            <numerusform>%n chat</numerusform>
            <numerusform>%n chats</numerusform>
        </translation>
    </message>
    <message>
        <source>Chatrooms of %1</source>
        <translation>Chats de %1</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Grupo %1</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message numerus="yes">
        <source>Group of %n agent(s)</source>
        <translation>
            <numerusform>Grupo de %n agente</numerusform>
            <numerusform>Grupo de %n agentes</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop chatrooms here to give each to the group&apos;s least busy agent.</source>
        <translation>Solte chats aqui para entregar cada um ao agente menos ocupado do grupo.</translation>
    </message>
</context>
<context>
    <name>handover::BoardMessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Fechar o aviso</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informação</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomDelegate</name>
    <message>
        <source>handover</source>
        <translation>transferência</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>silenciosa</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>falta %n min</numerusform>
            <numerusform>faltam %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>falta %n h</numerusform>
            <numerusform>faltam %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>99+</source>
        <translation>99+</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>encerrado</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>an agent</source>
        <translation>um agente</translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Aguardando transferência</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Ninguém</translation>
    </message>
    <message>
        <source>%1: deactivated or expired; it no longer counts as waiting work.</source>
        <translation>%1: desativado ou expirado; não conta mais como trabalho pendente.</translation>
    </message>
    <message>
        <source>%1: the customer&apos;s 24-hour window; free replies until it ends, then templates only.</source>
        <translation>%1: a janela de 24 horas do cliente; respostas livres até ela terminar, depois só modelos.</translation>
    </message>
    <message>
        <source>%1: the automation handed the chatroom over and it waits for an agent to take it.</source>
        <translation>%1: a automação transferiu o chat e ele aguarda um agente assumi-lo.</translation>
    </message>
    <message>
        <source>%1: the last message came from the automation without notifying anyone or moving the chatroom up.</source>
        <translation>%1: a última mensagem veio da automação sem notificar ninguém nem subir o chat.</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListPane</name>
    <message>
        <source>Mine</source>
        <translation>Meus</translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Aguardando transferência</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>No chatroom matches “%1”.</source>
        <translation>Nenhum chat corresponde a “%1”.</translation>
    </message>
    <message>
        <source>No chatrooms are assigned to you yet.
Handed over chatrooms appear here.</source>
        <translation>Ainda não há chats atribuídos a você.
Os chats transferidos para você aparecem aqui.</translation>
    </message>
    <message>
        <source>No chatroom is waiting for an agent.</source>
        <translation>Nenhum chat está aguardando um agente.</translation>
    </message>
    <message>
        <source>No chatrooms yet.</source>
        <translation>Ainda não há chats.</translation>
    </message>
    <message>
        <source>Search by name or phone (Ctrl+F)</source>
        <translation>Pesquisar por nome ou telefone (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search chatrooms</source>
        <translation>Pesquisar chats</translation>
    </message>
    <message>
        <source>Chatroom views</source>
        <translation>Visualizações de chats</translation>
    </message>
    <message>
        <source>Chatrooms</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados da pesquisa</translation>
    </message>
    <message>
        <source>Closed (%1)</source>
        <translation>Encerrados (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Closed chatrooms: %n</source>
        <translation>
            <numerusform>Chats encerrados: %n</numerusform>
            <numerusform>Chats encerrados: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No open chatrooms. Closed ones are below.</source>
        <translation>Nenhum chat aberto. Os encerrados estão abaixo.</translation>
    </message>
    <message>
        <source>Closed chatrooms</source>
        <translation>Chats encerrados</translation>
    </message>
    <message>
        <source>Deactivated and expired chatrooms: they can be read, nothing can be sent to them, and they count in no badge.</source>
        <translation>Chats desativados e expirados: você pode lê-los, mas não enviar nada a eles, e eles não entram em nenhuma contagem.</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListView</name>
    <message>
        <source>Chatroom list</source>
        <translation>Lista de chats</translation>
    </message>
    <message>
        <source>No chatroom selected</source>
        <translation>Nenhum chat selecionado</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Selecionado: %1</translation>
    </message>
    <message numerus="yes">
        <source>↑ %n updated above</source>
        <translation>
            <numerusform>↑ %n atualizado acima</numerusform>
            <numerusform>↑ %n atualizados acima</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::Composer</name>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <source>Send a template</source>
        <translation>Enviar um modelo</translation>
    </message>
    <message>
        <source>Choose a template to send (Ctrl+T)</source>
        <translation>Escolha um modelo para enviar (Ctrl+T)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar a mensagem</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Escreva uma mensagem</translation>
    </message>
    <message>
        <source>The message could not be stored: %1</source>
        <translation>Não foi possível salvar a mensagem: %1</translation>
    </message>
    <message>
        <source>Send (Enter; Shift+Enter starts a new line)</source>
        <translation>Enviar (Enter; Shift+Enter começa uma nova linha)</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Too long for one WhatsApp message: %n character(s) over the limit of %1. Shorten it or send it in two parts.</source>
        <translation>
            <numerusform>Longa demais para uma mensagem do WhatsApp: %n caractere acima do limite de %1. Encurte-a ou envie-a em duas partes.</numerusform>
            <numerusform>Longa demais para uma mensagem do WhatsApp: %n caracteres acima do limite de %1. Encurte-a ou envie-a em duas partes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anexar…</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Anexar um arquivo</translation>
    </message>
    <message>
        <source>Attach a photo or a file to send (Ctrl+Shift+A), or drop one here</source>
        <translation>Anexe uma foto ou um arquivo para enviar (Ctrl+Shift+A) ou solte-o aqui</translation>
    </message>
    <message>
        <source>Files cannot be sent from here.</source>
        <translation>Não é possível enviar arquivos daqui.</translation>
    </message>
    <message>
        <source>Files can be sent only while free text can: %1</source>
        <translation>Arquivos só podem ser enviados enquanto texto livre puder: %1</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>Não é possível ler %1.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 está vazio.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes pictures of at most %3.</source>
        <translation>%1 tem %2: o WhatsApp aceita imagens de no máximo %3.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes audio and video of at most %3.</source>
        <translation>%1 tem %2: o WhatsApp aceita áudio e vídeo de no máximo %3.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes files of at most %3.</source>
        <translation>%1 tem %2: o WhatsApp aceita arquivos de no máximo %3.</translation>
    </message>
    <message>
        <source>The upload did not reach the server. Send tries again.</source>
        <translation>O envio do arquivo não chegou ao servidor. Enviar tenta de novo.</translation>
    </message>
    <message>
        <source>The server takes no file this large.</source>
        <translation>O servidor não aceita um arquivo tão grande.</translation>
    </message>
    <message>
        <source>The server is busy with other uploads. Send tries again.</source>
        <translation>O servidor está ocupado com outros envios. Enviar tenta de novo.</translation>
    </message>
    <message>
        <source>The upload failed: %1 Send tries again.</source>
        <translation>O envio do arquivo falhou: %1 Enviar tenta de novo.</translation>
    </message>
    <message>
        <source>Uploaded. Send sends it; your text goes as a message after it.</source>
        <translation>Arquivo enviado ao servidor. Enviar o manda; seu texto vai depois como mensagem.</translation>
    </message>
    <message>
        <source>Uploaded. Send sends it with your text as its caption.</source>
        <translation>Arquivo enviado ao servidor. Enviar o manda com seu texto como legenda.</translation>
    </message>
    <message>
        <source>Uploading… It is sent as soon as the upload is done.</source>
        <translation>Enviando o arquivo… Ele será mandado assim que o envio terminar.</translation>
    </message>
    <message>
        <source>The file could not be stored for sending: %1</source>
        <translation>Não foi possível guardar o arquivo para envio: %1</translation>
    </message>
    <message numerus="yes">
        <source>A caption can have at most %1 characters; this one has %n too many. Shorten it, or send the file first and the words after it.</source>
        <translation>
            <numerusform>Uma legenda pode ter no máximo %1 caracteres; esta tem %n a mais. Encurte-a ou envie primeiro o arquivo e depois o texto.</numerusform>
            <numerusform>Uma legenda pode ter no máximo %1 caracteres; esta tem %n a mais. Encurte-a ou envie primeiro o arquivo e depois o texto.</numerusform>
        </translation>
    </message>
    <message>
        <source>One file at a time: %1 is attached, the others were left out.</source>
        <translation>Um arquivo por vez: %1 foi anexado, os outros ficaram de fora.</translation>
    </message>
</context>
<context>
    <name>handover::ConnectionIndicator</name>
    <message>
        <source>Connected, catching up</source>
        <translation>Conectado, sincronizando</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconectando em %n s</numerusform>
            <numerusform>Reconectando em %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n queued</source>
        <translation>
            <numerusform>%1, %n na fila</numerusform>
            <numerusform>%1, %n na fila</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Conexão: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Último erro: %1</translation>
    </message>
</context>
<context>
    <name>handover::ConversationDelegate</name>
    <message>
        <source>Template %1</source>
        <translation>Modelo %1</translation>
    </message>
    <message>
        <source>%1 · template %2</source>
        <translation>%1 · modelo %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>enviando…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar novamente</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
</context>
<context>
    <name>handover::ConversationFeed</name>
    <message>
        <source>Some of this conversation could not be read from the local cache.</source>
        <translation>Parte desta conversa não pôde ser lida do cache local.</translation>
    </message>
    <message>
        <source>The chatroom could not be marked read: %1</source>
        <translation>Não foi possível marcar o chat como lido: %1</translation>
    </message>
</context>
<context>
    <name>handover::ConversationHeader</name>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>Fechar o aviso</translation>
    </message>
    <message>
        <source>Participants: %1</source>
        <translation>Participantes: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Aguardando transferência</translation>
    </message>
    <message>
        <source>No participants</source>
        <translation>Sem participantes</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desativado</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirado</translation>
    </message>
    <message>
        <source>The customer has not written yet</source>
        <translation>O cliente ainda não escreveu</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Janela: %1</translation>
    </message>
    <message>
        <source>Window closed %1 ago</source>
        <translation>Janela fechada há %1</translation>
    </message>
    <message>
        <source>No chatroom open</source>
        <translation>Nenhum chat aberto</translation>
    </message>
</context>
<context>
    <name>handover::ConversationModel</name>
    <message>
        <source>Template %1</source>
        <translation>Modelo %1</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>you</source>
        <translation>você</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>An earlier template message</source>
        <translation>Uma mensagem de modelo anterior</translation>
    </message>
    <message>
        <source>could not be fetched from WhatsApp</source>
        <translation>não foi possível buscar no WhatsApp</translation>
    </message>
</context>
<context>
    <name>handover::ConversationPane</name>
    <message>
        <source>Choose a chatroom to see its conversation.</source>
        <translation>Escolha um chat para ver a conversa.</translation>
    </message>
    <message>
        <source>The message could not be queued again: %1</source>
        <translation>Não foi possível colocar a mensagem na fila novamente: %1</translation>
    </message>
    <message>
        <source>The message could not be taken back: %1</source>
        <translation>Não foi possível recuperar a mensagem: %1</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>Nenhum aplicativo conseguiu abrir %1.</translation>
    </message>
</context>
<context>
    <name>handover::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Tentar enviar novamente</translation>
    </message>
    <message>
        <source>Edit in the composer</source>
        <translation>Editar na caixa de mensagem</translation>
    </message>
</context>
<context>
    <name>handover::DesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>handover::LoginDialog</name>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>Não foi possível acessar o servidor: %1</translation>
    </message>
    <message>
        <source>The email or the password is wrong.</source>
        <translation>E-mail ou senha incorretos.</translation>
    </message>
    <message>
        <source>Too many attempts: try again in a minute.</source>
        <translation>Muitas tentativas: tente novamente em um minuto.</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>O servidor recusou o login: %1</translation>
    </message>
    <message>
        <source>Connect to a Handover server</source>
        <translation>Conectar a um servidor Handover</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Endereço do servidor</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Se&amp;nha:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://handover.example.com.</source>
        <translation>Digite o endereço do servidor, por exemplo https://handover.example.com.</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Digite seu e-mail e sua senha.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Entrando…</translation>
    </message>
</context>
<context>
    <name>handover::MainWindow</name>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <source>Handover: %1</source>
        <translation>Handover: %1</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Conectado como %1 (%2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Não conectado</translation>
    </message>
    <message>
        <source>About Handover</source>
        <translation>Sobre o Handover</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation>&amp;Trocar usuário</translation>
    </message>
    <message>
        <source>&amp;Connect to a server…</source>
        <translation>&amp;Conectar a um servidor…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Desconectar</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Co&amp;nfigurações…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <source>Supervisor &amp;board</source>
        <translation>&amp;Painel do supervisor</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Next chatroom</source>
        <translation>&amp;Próximo chat</translation>
    </message>
    <message>
        <source>&amp;Previous chatroom</source>
        <translation>Chat &amp;anterior</translation>
    </message>
    <message>
        <source>Next &amp;unread chatroom</source>
        <translation>Próximo chat &amp;não lido</translation>
    </message>
    <message>
        <source>&amp;Search chatrooms</source>
        <translation>Pe&amp;squisar chats</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>&amp;Escrever mensagem</translation>
    </message>
    <message>
        <source>Send a &amp;template…</source>
        <translation>Enviar &amp;modelo…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;About Handover</source>
        <translation>&amp;Sobre o Handover</translation>
    </message>
    <message>
        <source>Show Handover</source>
        <translation>Mostrar o Handover</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Handover %1&lt;/h3&gt;&lt;p&gt;The agent console for WhatsApp Business chat automation.&lt;/p&gt;&lt;p&gt;Press F1 for the keyboard shortcuts.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Handover %1&lt;/h3&gt;&lt;p&gt;O console de atendimento para automação de chats do WhatsApp Business.&lt;/p&gt;&lt;p&gt;Pressione F1 para ver os atalhos de teclado.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>Chatroom list</source>
        <translation>Lista de chats</translation>
    </message>
    <message>
        <source>Up, Down, Page Up, Page Down, Home, End</source>
        <translation>Seta para cima, Seta para baixo, Page Up, Page Down, Home, End</translation>
    </message>
    <message>
        <source>Move through the list; the chatroom opens</source>
        <translation>Percorrer a lista; o chat se abre</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the chatroom and write to it</source>
        <translation>Abrir o chat e escrever nele</translation>
    </message>
    <message>
        <source>Search box</source>
        <translation>Caixa de pesquisa</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Seta para baixo</translation>
    </message>
    <message>
        <source>Go to the results and open the first</source>
        <translation>Ir para os resultados e abrir o primeiro</translation>
    </message>
    <message>
        <source>Open the first result and write to it</source>
        <translation>Abrir o primeiro resultado e escrever nele</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Limpar a pesquisa</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Escrita</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar a mensagem</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Start a new line</source>
        <translation>Começar uma nova linha</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Send the message, whatever Enter does (see Settings)</source>
        <translation>Enviar a mensagem, seja qual for a função do Enter (veja Configurações)</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Painel do supervisor</translation>
    </message>
    <message>
        <source>Reassign the selected cards</source>
        <translation>Reatribuir os cartões selecionados</translation>
    </message>
    <message>
        <source>Open the selected card&apos;s chatroom</source>
        <translation>Abrir o chat do cartão selecionado</translation>
    </message>
    <message>
        <source>Attach a &amp;file…</source>
        <translation>Ane&amp;xar arquivo…</translation>
    </message>
</context>
<context>
    <name>handover::MediaViewer</name>
    <message>
        <source>Photo viewer</source>
        <translation>Visualizador de fotos</translation>
    </message>
    <message>
        <source>The photo could not be downloaded.</source>
        <translation>Não foi possível baixar a foto.</translation>
    </message>
    <message>
        <source>The photo could not be read.</source>
        <translation>Não foi possível ler a foto.</translation>
    </message>
    <message>
        <source>Loading the photo…</source>
        <translation>Carregando a foto…</translation>
    </message>
</context>
<context>
    <name>handover::NotificationCenter</name>
    <message>
        <source>Handed over to you: the customer wrote to the bot.</source>
        <translation>Transferido para você: o cliente escreveu para o bot.</translation>
    </message>
    <message>
        <source>Reassigned to you by a supervisor.</source>
        <translation>Reatribuído a você por um supervisor.</translation>
    </message>
    <message>
        <source>A new chatroom was assigned to you.</source>
        <translation>Um novo chat foi atribuído a você.</translation>
    </message>
    <message>
        <source>Now yours: %1</source>
        <translation>Agora é seu: %1</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
    <message numerus="yes">
        <source>Handover: %n unread</source>
        <translation>
            <numerusform>Handover: %n não lida</numerusform>
            <numerusform>Handover: %n não lidas</numerusform>
        </translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Tapped “%1”</source>
        <translation>Tocou em “%1”</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped “%1”.</source>
        <translation>Transferido para você: o cliente tocou em “%1”.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer wrote “%1”.</source>
        <translation>Transferido para você: o cliente escreveu “%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n chatroom(s) need you</source>
        <translation>
            <numerusform>%n chat precisa de você</numerusform>
            <numerusform>%n chats precisam de você</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 e %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n more</source>
        <translation>
            <numerusform>%1, %2 e mais %n</numerusform>
            <numerusform>%1, %2 e mais %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Handed over to you. %1</source>
        <translation>Transferido para você. %1</translation>
    </message>
</context>
<context>
    <name>handover::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Mostrar notificações na área de trabalho</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Sessão:</translation>
    </message>
    <message>
        <source>&amp;Enter sends a message (Shift+Enter starts a new line)</source>
        <translation>&amp;Enter envia a mensagem (Shift+Enter começa uma nova linha)</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends.</source>
        <translation>Desligado: Enter começa uma nova linha e Ctrl+Enter envia.</translation>
    </message>
</context>
<context>
    <name>handover::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>O que fazem</translation>
    </message>
</context>
<context>
    <name>handover::SupervisorBoard</name>
    <message>
        <source>Reassign to…</source>
        <translation>Reatribuir a…</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Painel do supervisor</translation>
    </message>
    <message>
        <source>Agents&apos; columns</source>
        <translation>Colunas dos agentes</translation>
    </message>
    <message>
        <source>The supervisor board is for supervisors and administrators.</source>
        <translation>O painel do supervisor é para supervisores e administradores.</translation>
    </message>
    <message>
        <source>The chatrooms could not be read: %1</source>
        <translation>Não foi possível ler os chats: %1</translation>
    </message>
    <message>
        <source>The agents could not be loaded: %1</source>
        <translation>Não foi possível carregar os agentes: %1</translation>
    </message>
    <message>
        <source>The board is not connected to a server.</source>
        <translation>O painel não está conectado a um servidor.</translation>
    </message>
    <message>
        <source>These chatrooms belong to another organization.</source>
        <translation>Estes chats pertencem a outra organização.</translation>
    </message>
    <message>
        <source>The agents have not been loaded yet. Try again in a moment.</source>
        <translation>Os agentes ainda não foram carregados. Tente novamente em instantes.</translation>
    </message>
    <message>
        <source>%1 is not one of the organization&apos;s users.</source>
        <translation>%1 não é usuário da organização.</translation>
    </message>
    <message>
        <source>Chatrooms are reassigned to agents only; %1 is an administrator.</source>
        <translation>Chats só podem ser reatribuídos a agentes; %1 é administrador.</translation>
    </message>
    <message>
        <source>Chatrooms are reassigned to agents only; %1 is a supervisor.</source>
        <translation>Chats só podem ser reatribuídos a agentes; %1 é supervisor.</translation>
    </message>
    <message>
        <source>“%1” is already with %2.</source>
        <translation>“%1” já está com %2.</translation>
    </message>
    <message>
        <source>These chatrooms are already with %1.</source>
        <translation>Estes chats já estão com %1.</translation>
    </message>
    <message>
        <source>Reassigning “%1” to %2…</source>
        <translation>Reatribuindo “%1” a %2…</translation>
    </message>
    <message numerus="yes">
        <source>Reassigning %n chatroom(s) to %1…</source>
        <translation>
            <numerusform>Reatribuindo %n chat a %1…</numerusform>
            <numerusform>Reatribuindo %n chats a %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be reassigned to %2: %3</source>
        <translation>Não foi possível reatribuir “%1” a %2: %3</translation>
    </message>
    <message>
        <source>“%1” is now with %2.</source>
        <translation>“%1” agora está com %2.</translation>
    </message>
    <message>
        <source>Reassign to</source>
        <translation>Reatribuir a</translation>
    </message>
    <message>
        <source>No agents</source>
        <translation>Nenhum agente</translation>
    </message>
    <message>
        <source>%1 (online)</source>
        <translation>%1 (online)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>A chatroom cannot be put back to await handover. Drop it on an agent&apos;s or a group&apos;s column.</source>
        <translation>Um chat não pode voltar a aguardar transferência. Solte-o na coluna de um agente ou de um grupo.</translation>
    </message>
    <message>
        <source>The board does not know this group.</source>
        <translation>O painel não conhece este grupo.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Putting “%1” back with %2…</source>
        <translation>Devolvendo “%1” para %2…</translation>
    </message>
    <message numerus="yes">
        <source>Putting %n chatroom(s) back…</source>
        <translation>
            <numerusform>Devolvendo %n chat…</numerusform>
            <numerusform>Devolvendo %n chats…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be put back: %2</source>
        <translation>Não foi possível devolver “%1”: %2</translation>
    </message>
    <message>
        <source>%1 (group)</source>
        <translation>%1 (grupo)</translation>
    </message>
</context>
<context>
    <name>handover::TemplateDialog</name>
    <message>
        <source>Send a template</source>
        <translation>Enviar um modelo</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pré-visualização</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the template</source>
        <translation>Enviar o modelo</translation>
    </message>
    <message>
        <source>Loading templates…</source>
        <translation>Carregando modelos…</translation>
    </message>
    <message>
        <source>The templates could not be loaded: %1</source>
        <translation>Não foi possível carregar os modelos: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No template can be sent: ask an admin to add or enable one.</source>
        <translation>Nenhum modelo pode ser enviado: peça a um admin para adicionar ou ativar um.</translation>
    </message>
    <message>
        <source>No template chosen</source>
        <translation>Nenhum modelo escolhido</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>This template has nothing to fill in.</source>
        <translation>Este modelo não tem nada para preencher.</translation>
    </message>
    <message>
        <source>Fill in every parameter to send.</source>
        <translation>Preencha todos os parâmetros para enviar.</translation>
    </message>
    <message>
        <source>The template could not be stored: %1</source>
        <translation>Não foi possível salvar o modelo: %1</translation>
    </message>
    <message>
        <source>Move to the top of the agent&apos;s list</source>
        <translation>Subir para o topo da lista do agente</translation>
    </message>
    <message>
        <source>API flag: bump. Off, the message is silent: nobody is notified and no list moves.</source>
        <translation>Flag da API: bump. Desligado, a mensagem é silenciosa: ninguém é notificado e nenhuma lista se move.</translation>
    </message>
    <message>
        <source>Move to the top again when the customer answers</source>
        <translation>Subir de novo quando o cliente responder</translation>
    </message>
    <message>
        <source>API flag: bump_response. Off, the customer&apos;s tap on a button moves nothing.</source>
        <translation>Flag da API: bump_response. Desligado, o toque do cliente em um botão não move nada.</translation>
    </message>
    <message>
        <source>Send the customer&apos;s answer to the automation</source>
        <translation>Encaminhar a resposta do cliente para a automação</translation>
    </message>
    <message>
        <source>API flag: relay_response. On, a tap on a button goes to the org&apos;s webhook and does not hand the chatroom over to an agent.</source>
        <translation>Flag da API: relay_response. Ligado, um toque em um botão vai para o webhook da organização e não transfere o chat para um agente.</translation>
    </message>
    <message>
        <source>the customer&apos;s first name</source>
        <translation>nome do cliente</translation>
    </message>
    <message>
        <source>the customer&apos;s last name</source>
        <translation>sobrenome do cliente</translation>
    </message>
    <message>
        <source>the customer&apos;s CRM id</source>
        <translation>ID do cliente no CRM</translation>
    </message>
    <message>
        <source>the customer&apos;s phone number</source>
        <translation>telefone do cliente</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>nome completo do cliente</translation>
    </message>
    <message>
        <source>the agent&apos;s first name</source>
        <translation>nome do agente</translation>
    </message>
    <message>
        <source>the agent&apos;s last name</source>
        <translation>sobrenome do agente</translation>
    </message>
    <message>
        <source>the agent&apos;s email</source>
        <translation>e-mail do agente</translation>
    </message>
    <message>
        <source>filled in by the server</source>
        <translation>preenchido pelo servidor</translation>
    </message>
</context>
<context>
    <name>handover::console::ConsoleController</name>
    <message>
        <source>Local mode could not start: %1</source>
        <translation>Não foi possível iniciar o modo local: %1</translation>
    </message>
    <message>
        <source>Local mode: demo org</source>
        <translation>Modo local: organização de demonstração</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Entregas de webhook</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Your session has ended: sign in again.</source>
        <translation>Sua sessão terminou: entre novamente.</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>Não foi possível acessar o servidor: %1</translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation>Falha ao entrar: %1</translation>
    </message>
    <message>
        <source>The local cache could not be opened: %1</source>
        <translation>Não foi possível abrir o cache local: %1</translation>
    </message>
    <message>
        <source>Local mode signs in by itself.</source>
        <translation>O modo local entra automaticamente.</translation>
    </message>
    <message>
        <source>No keychain service answers, so your session is kept in a file only you can read: %1</source>
        <translation>Nenhum serviço de chaveiro responde, então sua sessão fica em um arquivo que só você pode ler: %1</translation>
    </message>
    <message>
        <source>Your session is kept in the system keychain.</source>
        <translation>Sua sessão fica no chaveiro do sistema.</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
</context>
<context>
    <name>handover::console::DemoCustomers</name>
    <message>
        <source>%1 wrote: %2</source>
        <translation>%1 escreveu: %2</translation>
    </message>
    <message>
        <source>%1 tapped &quot;%2&quot;</source>
        <translation>%1 tocou em “%2”</translation>
    </message>
</context>
<context>
    <name>handover::console::DemoDriver</name>
    <message>
        <source>Automation sent %1 a silent order update</source>
        <translation>A automação enviou a %1 uma atualização silenciosa do pedido</translation>
    </message>
    <message>
        <source>Automation sent %1 an appointment reminder; the answer is relayed</source>
        <translation>A automação enviou a %1 um lembrete de agendamento; a resposta é encaminhada</translation>
    </message>
    <message>
        <source>Automation sent %1 a silent survey; the answer is relayed</source>
        <translation>A automação enviou a %1 uma pesquisa silenciosa; a resposta é encaminhada</translation>
    </message>
    <message>
        <source>The bot greeted %1, who is waiting for an agent</source>
        <translation>O bot cumprimentou %1, que aguarda um agente</translation>
    </message>
    <message>
        <source>%1 is a new lead again, waiting for the bot</source>
        <translation>%1 voltou a ser um novo lead, aguardando o bot</translation>
    </message>
</context>
<context>
    <name>handover::console::WebhookDeliveriesPanel</name>
    <message>
        <source>“%1” on %2</source>
        <translation>“%1” em %2</translation>
    </message>
    <message>
        <source>✔ signed</source>
        <translation>✔ assinada</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>Taps on relayed template buttons go to the automation&apos;s webhook instead of an agent (R5). The demo&apos;s receiver shows what arrived.</source>
        <translation>Toques em botões de modelos encaminhados vão para o webhook da automação, e não para um agente (R5). O receptor da demonstração mostra o que chegou.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Assinatura</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Entregas de webhook</translation>
    </message>
    <message>
        <source>%1 (retry)</source>
        <translation>%1 (nova tentativa)</translation>
    </message>
</context>
</TS>
