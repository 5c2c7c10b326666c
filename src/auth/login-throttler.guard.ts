import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The throttler counting every login attempt of one client address, across e-mails. */
export const LOGIN_ADDRESS_THROTTLER = 'loginAddress';

/**
 * Login attempts are counted per client address and e-mail (`login`), so that one person mistyping
 * does not lock out a whole office behind the same address, while guessing one account stays slow;
 * and per address alone (`loginAddress`, its own tracker), so that one address cannot try account
 * after account.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const email = typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    return `${request.ip}|${email}`;
  }
}
