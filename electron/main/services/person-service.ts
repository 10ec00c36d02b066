import type { PersonSearchQuery, PersonSearchResult, PersonSummary } from '../../../shared/api/person'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** Person lookups: always from the server (personal data is never cached on the terminal, control C-07). */
export class PersonService {
  constructor(
    private readonly backend: BackendClient,
    private readonly auth: AuthService,
  ) {}

  search(query: PersonSearchQuery): Promise<PersonSearchResult> {
    return this.auth.authenticated((token) => this.backend.call('person.search', query, token))
  }

  summary(personId: number): Promise<PersonSummary> {
    return this.auth.authenticated((token) => this.backend.call('person.summary', { personId }, token))
  }
}
