package org.minka.team;

import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventAccess.EventFacts;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Citizens' registrations: register while REGISTRATION is open, change answers, withdraw. */
@Service
class RegistrationService {

    private final RegistrationRepository registrations;
    private final TeamGuards guards;
    private final EventAccess access;

    RegistrationService(
            RegistrationRepository registrations, TeamGuards guards, EventAccess access) {
        this.registrations = registrations;
        this.guards = guards;
        this.access = access;
    }

    /**
     * Registers the citizen for a published event while REGISTRATION is open; a PRIVATE event takes
     * only allow-listed or invited citizens (403 for its other viewers, such as mentors).
     */
    @Transactional
    Mono<Registration> register(UUID eventId, Registration.Answers answers, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .filterWhen(event -> access.mayRegister(eventId, user))
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .flatMap(event -> checkAnswers(event, answers))
                .then(registrations.register(eventId, user.id(), answers))
                .switchIfEmpty(Mono.error(new MinkaException(ProblemType.ALREADY_REGISTERED)));
    }

    /** The citizen's own active registration. */
    Mono<Registration> mine(UUID eventId, CurrentUser user) {
        return guards.visible(eventId, user)
                .then(registrations.findActiveRegistration(eventId, user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("registration")));
    }

    /** Changes the answers; accepting a new terms version records a new consent time. */
    @Transactional
    Mono<Registration> update(UUID eventId, Registration.Answers answers, CurrentUser user) {
        return guards.visible(eventId, user)
                .flatMap(event -> checkAnswers(event, answers))
                .then(registrations.updateRegistration(eventId, user.id(), answers))
                .switchIfEmpty(Mono.error(MinkaException.notFound("registration")));
    }

    /** Withdraws the registration; the citizen must leave their teams first. */
    @Transactional
    Mono<Void> withdraw(UUID eventId, CurrentUser user) {
        return mine(eventId, user)
                .then(
                        Checks.updatedOrFail(
                                registrations.withdraw(eventId, user.id()), this::stillInTeam));
    }

    private Mono<Void> checkAnswers(EventFacts event, Registration.Answers answers) {
        return TeamGuards.checkRegion(event, answers.region())
                .then(guards.knownChallenges(event.id(), answers.interestIds()));
    }

    private MinkaException stillInTeam() {
        return new MinkaException(ProblemType.STILL_IN_TEAM);
    }
}
