// The one email the portal sends itself: a fresh sign-in link someone asked for. Everything else is
// sent by the workflows' activities. Same SES settings as the worker (SES_ENDPOINT locally).
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { escapeHtml } from '../dashboard/html';

export interface SignInMailer {
  sendSignInLink(to: { email: string; name: string }, url: string, expiresOn: string): Promise<void>;
}

export function sesSignInMailer(ses: SESClient, from: string, configurationSet?: string): SignInMailer {
  return {
    async sendSignInLink(to, url, expiresOn) {
      const text = `Hello ${to.name},\n\nHere is your new link to the CASC induction portal:\n\n${url}\n\nIt works once, until ${expiresOn}. If you did not ask for it, you can ignore this email.\n`;
      const html = `<p>Hello ${escapeHtml(to.name)},</p><p>Here is your new link to the CASC induction portal:</p><p><a href="${escapeHtml(url)}">Open the portal</a></p><p>It works once, until ${escapeHtml(expiresOn)}. If you did not ask for it, you can ignore this email.</p>`;
      await ses.send(
        new SendEmailCommand({
          Source: from,
          Destination: { ToAddresses: [to.email] },
          Message: {
            Subject: { Data: 'Your sign-in link to the CASC induction portal', Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
          },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Tags: [{ Name: 'template', Value: 'portal_signInLink' }],
        }),
      );
    },
  };
}
