import { SelectQueryBuilder } from 'typeorm';
import { ACCENTED, likeWord, UNACCENTED } from '../common/folded-like';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { Candidate } from './candidate.entity';
import { CandidateFilterDto } from './dto/candidate.dto';

/** The candidates' query builders: each reads through the actor's structure's scoped repository. */

/** The actor's structure's candidates matching the filter (status, owner, words of the name), by name. */
export function filteredCandidates(candidates: ScopedRepository<Candidate>, actor: Actor, filter: CandidateFilterDto): SelectQueryBuilder<Candidate> {
  const query = candidates.query(actor, 'c');
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.owner === 'none') query.andWhere('c.owner_id IS NULL');
  else if (filter.owner) query.andWhere('c.owner_id = :ownerId', { ownerId: filter.owner === 'me' ? actor.userId : filter.owner });
  const words = (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  words.forEach((word, index) => {
    query.andWhere(`translate(lower(c.first_name || ' ' || c.last_name), :accented, :unaccented) LIKE :word${index}`, {
      accented: ACCENTED,
      unaccented: UNACCENTED,
      [`word${index}`]: likeWord(word),
    });
  });
  return query.orderBy('c.lastName', 'ASC').addOrderBy('c.firstName', 'ASC').addOrderBy('c.id', 'ASC');
}
