import nodemailer, { type Transporter } from 'nodemailer';
import type { Queryable } from '../db/database.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail over SMTP when configured; otherwise holds it in the outbox for an administrator to read. */
export interface Mailer {
  send(db: Queryable, mail: OutgoingMail): Promise<'sent' | 'held' | 'failed'>;
  close(): void;
}

/** Creates the mailer for SMTP_URL (or the outbox-only mailer when it is absent). */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(db, mail) {
      let status: 'sent' | 'held' | 'failed' = 'held';
      let error: string | null = null;
      if (transport) {
        try {
          await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
          status = 'sent';
        } catch (e) {
          status = 'failed';
          error = (e as Error).message.slice(0, 500);
        }
      }
      await db.query(
        `INSERT INTO mail_messages (recipient, subject, body_text, status, error) VALUES ($1, $2, $3, $4, $5)`,
        // Sent mail keeps no body: reset and invitation links must not outlive their delivery.
        [mail.to, mail.subject, status === 'sent' ? '' : mail.text, status, error],
      );
      return status;
    },
    close() {
      transport?.close();
    },
  };
}
