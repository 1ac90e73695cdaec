import nodemailer, { type Transporter } from 'nodemailer';

export interface Message {
  to: string;
  subject: string;
  text: string;
}

/** A way to reach a person outside the app (SMS, e-mail). The in-app center is always written. */
export interface Channel {
  readonly name: string;
  send(message: Message): Promise<void>;
}

/** The default: writes what would be sent to the server log, so nothing needs configuring. */
export class LogChannel implements Channel {
  readonly name = 'log';
  readonly sent: Message[] = [];
  constructor(private log: (line: string) => void = (l) => console.info(l)) {}
  async send(message: Message) {
    this.sent.push(message);
    if (this.sent.length > 100) this.sent.shift();
    this.log(`[notify] to=${message.to} subject=${message.subject}`);
  }
}

/** E-mail through any SMTP server, e.g. SMTP_URL=smtp://user:pass@smtp.example.com:587. */
export class SmtpChannel implements Channel {
  readonly name = 'smtp';
  private transport: Transporter;
  constructor(url: string, private from: string) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: Message) {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}
