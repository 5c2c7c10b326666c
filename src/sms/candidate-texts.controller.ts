import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { Actor } from '../tenancy/actor';
import { CandidateTextsService } from './candidate-texts.service';
import { SendTextDto } from './dto/send-text.dto';
import { SmsMessage } from './sms-message.entity';

/** A text as the API shows it: what was sent, to which number, by whom, and what became of it. */
export function textView(row: SmsMessage) {
  return {
    id: row.id,
    recipient: row.recipient,
    // Only what staff wrote: a check-in text carries the person's answer link, their credential.
    content: row.purpose === 'one_off' ? row.content : null,
    purpose: row.purpose,
    status: row.status,
    segments: row.segments,
    encoding: row.encoding,
    candidateId: row.candidateId,
    placementId: row.placementId,
    sentBy: row.sentBy,
    createdAt: row.createdAt,
    notBefore: row.notBefore,
    sentAt: row.sentAt,
    statusAt: row.statusAt,
  };
}

@ApiTags('candidates')
@Controller('api/candidates/:id/sms')
export class CandidateTextsController {
  constructor(private readonly texts: CandidateTextsService) {}

  /** The texts sent to the person, newest first. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return (await this.texts.texts(actor, id)).map(textView);
  }

  /** A one-off text to the person's mobile: queued now, sent between 08:00 and 20:00 on a working day. */
  @Post()
  async send(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: SendTextDto) {
    return textView(await this.texts.send(actor, id, input.text));
  }
}
