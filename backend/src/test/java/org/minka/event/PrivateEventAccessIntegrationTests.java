package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.IntegrationTest;

/**
 * Who sees what under a PRIVATE, an UNLISTED and a PUBLIC event (see {@link PrivateEventWorld}):
 * every GET under {@code /events/{eventId}} in the contract, the submission reads, and who finds
 * each event in {@code GET /events}.
 */
class PrivateEventAccessIntegrationTests extends IntegrationTest {

    static final List<String> UNDER_EVENT =
            List.of(
                    "/events/{eventId}",
                    "/events/{eventId}/allow-list",
                    "/events/{eventId}/audit-log",
                    "/events/{eventId}/challenge-proposals",
                    "/events/{eventId}/challenge-proposals/{proposalId}",
                    "/events/{eventId}/challenges",
                    "/events/{eventId}/challenges/{challengeId}",
                    "/events/{eventId}/finder/people",
                    "/events/{eventId}/finder/teams",
                    "/events/{eventId}/gallery/submissions",
                    "/events/{eventId}/gallery/teams",
                    "/events/{eventId}/gallery/teams/{teamId}",
                    "/events/{eventId}/help-requests",
                    "/events/{eventId}/help-requests/stats",
                    "/events/{eventId}/help-requests/{requestId}",
                    "/events/{eventId}/help-requests/{requestId}/comments",
                    "/events/{eventId}/invitations",
                    "/events/{eventId}/join-requests",
                    "/events/{eventId}/memberships",
                    "/events/{eventId}/registrations",
                    "/events/{eventId}/registrations/export",
                    "/events/{eventId}/registrations/me",
                    "/events/{eventId}/registrations/me/export",
                    "/events/{eventId}/submissions",
                    "/events/{eventId}/team-stats",
                    "/events/{eventId}/teams",
                    "/events/{eventId}/teams/export",
                    "/events/{eventId}/teams/mine",
                    "/events/{eventId}/teams/{teamId}",
                    "/events/{eventId}/teams/{teamId}/invitations",
                    "/events/{eventId}/teams/{teamId}/join-requests",
                    "/events/{eventId}/challenges/{challengeId}/judging/final-ballot",
                    "/events/{eventId}/challenges/{challengeId}/judging/final-ranking",
                    "/events/{eventId}/challenges/{challengeId}/judging/finalists",
                    "/events/{eventId}/challenges/{challengeId}/judging/pairwise/judges",
                    "/events/{eventId}/challenges/{challengeId}/judging/pairwise/ranking",
                    "/events/{eventId}/challenges/{challengeId}/judging/rubric",
                    "/events/{eventId}/judging/assignments",
                    "/events/{eventId}/judging/conflicts",
                    "/events/{eventId}/judging/progress",
                    "/events/{eventId}/judging/queue",
                    "/events/{eventId}/judging/ranking",
                    "/events/{eventId}/judging/ranking/{submissionId}/explain",
                    "/events/{eventId}/judging/results",
                    "/events/{eventId}/judging/rubric",
                    "/events/{eventId}/judging/scores/{submissionId}",
                    "/events/{eventId}/voting/ballots/mine",
                    "/events/{eventId}/voting/peoples-choice",
                    "/events/{eventId}/voting/review/export",
                    "/events/{eventId}/voting/review/flags",
                    "/events/{eventId}/voting/review/flags/{flagId}",
                    "/events/{eventId}/voting/tallies",
                    "/events/{eventId}/certificates",
                    "/events/{eventId}/certificates/runs/latest",
                    "/events/{eventId}/certificates/runs/{runId}",
                    "/events/{eventId}/results",
                    "/events/{eventId}/results/data.json",
                    "/events/{eventId}/results/draft",
                    "/events/{eventId}/results/results.csv",
                    "/events/{eventId}/results/results.json",
                    "/submissions/{submissionId}",
                    "/submissions/{submissionId}/comments",
                    "/submissions/{submissionId}/versions",
                    "/submissions/{submissionId}/versions/{number}");

    /**
     * The same statuses for a PUBLIC and an UNLISTED event; for a PRIVATE one, the outsiders
     * (anonymous, an outsider, an unverified user of the allowed domain) get 404 wherever a public
     * event would answer them (401 still comes first where a token is needed, and an anonymous read
     * of a submission that is not public answers 401 for any id), and everyone else gets what they
     * get on a public event. The challenge proposal row reads an id that does not exist.
     */
    static final AccessMatrix<PrivateEventWorld> MATRIX =
            AccessMatrix.of(
                    """
                                                                               anonymous outsider unverified allowed-email allowed-domain participant member mentor judge organizer admin
            GET /events/{eventId} PRIVATE                                      404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/allow-list PRIVATE                           401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/audit-log PRIVATE                            401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals PRIVATE                  401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals/{proposalId} PRIVATE     401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/challenges PRIVATE                           404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/challenges/{challengeId} PRIVATE             404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/finder/people PRIVATE                        401       404      404        403           403            200         200    403    403   200       200
            GET /events/{eventId}/finder/teams PRIVATE                         401       404      404        403           403            200         200    403    403   200       200
            GET /events/{eventId}/gallery/submissions PRIVATE                  404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams PRIVATE                        404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams/{teamId} PRIVATE               404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/help-requests PRIVATE                        401       404      404        403           403            403         403    200    403   200       200
            GET /events/{eventId}/help-requests/stats PRIVATE                  401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/help-requests/{requestId} PRIVATE            401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/help-requests/{requestId}/comments PRIVATE   401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/invitations PRIVATE                          401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/join-requests PRIVATE                        401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/memberships PRIVATE                          401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations PRIVATE                        401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/export PRIVATE                 401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/me PRIVATE                     401       404      404        404           404            200         200    404    404   404       404
            GET /events/{eventId}/registrations/me/export PRIVATE              401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/submissions PRIVATE                          401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/team-stats PRIVATE                           401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams PRIVATE                                401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/export PRIVATE                         401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/mine PRIVATE                           401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/teams/{teamId} PRIVATE                       401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/invitations PRIVATE           401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/join-requests PRIVATE         401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ballot PRIVATE  401       404      404        403           403            403         403    403    404   403       403
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ranking PRIVATE  401       404      404        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/finalists PRIVATE  401       404      404        403           403            403         403    403    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/judges PRIVATE  401       404      404        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/ranking PRIVATE  401       404      404        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/rubric PRIVATE  404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/assignments PRIVATE                      401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/conflicts PRIVATE                        401       404      404        403           403            403         403    403    200   200       200
            GET /events/{eventId}/judging/progress PRIVATE                         401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/queue PRIVATE                            401       404      404        403           403            403         403    403    200   403       403
            GET /events/{eventId}/judging/ranking PRIVATE                          401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/ranking/{submissionId}/explain PRIVATE   401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/results PRIVATE                          401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/rubric PRIVATE                           404       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/scores/{submissionId} PRIVATE            401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/ballots/mine PRIVATE                  401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId}/voting/peoples-choice PRIVATE                401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/export PRIVATE                 401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags PRIVATE                  401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags/{flagId} PRIVATE         401       404      404        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates PRIVATE                         401       404      404        403           403            403         403    403    403   200       200
            GET /events/{eventId}/certificates/runs/latest PRIVATE             401       404      404        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates/runs/{runId} PRIVATE            401       404      404        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results PRIVATE                              404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/data.json PRIVATE                    404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/draft PRIVATE                        401       404      404        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results/results.csv PRIVATE                  404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/results.json PRIVATE                 404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/tallies PRIVATE                       404       404      404        403           403            403         403    403    403   200       200
            GET /submissions/{submissionId} PRIVATE                            401       404      404        403           403            403         200    200    200   200       200
            GET /submissions/{submissionId}/comments PRIVATE                   401       404      404        404           404            404         200    200    404   200       200
            GET /submissions/{submissionId}/versions PRIVATE                   401       404      404        200           200            200         200    200    200   200       200
            GET /submissions/{submissionId}/versions/{number} PRIVATE          401       404      404        200           200            200         200    200    200   200       200
            GET /events/{eventId} UNLISTED                                     200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/allow-list UNLISTED                          401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/audit-log UNLISTED                           401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals UNLISTED                 401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals/{proposalId} UNLISTED    401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/challenges UNLISTED                          200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/challenges/{challengeId} UNLISTED            200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/finder/people UNLISTED                       401       403      403        403           403            200         200    403    403   200       200
            GET /events/{eventId}/finder/teams UNLISTED                        401       403      403        403           403            200         200    403    403   200       200
            GET /events/{eventId}/gallery/submissions UNLISTED                 200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams UNLISTED                       200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams/{teamId} UNLISTED              200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/help-requests UNLISTED                       401       403      403        403           403            403         403    200    403   200       200
            GET /events/{eventId}/help-requests/stats UNLISTED                 401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/help-requests/{requestId} UNLISTED           401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/help-requests/{requestId}/comments UNLISTED  401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/invitations UNLISTED                         401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/join-requests UNLISTED                       401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/memberships UNLISTED                         401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations UNLISTED                       401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/export UNLISTED                401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/me UNLISTED                    401       404      404        404           404            200         200    404    404   404       404
            GET /events/{eventId}/registrations/me/export UNLISTED             401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/submissions UNLISTED                         401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/team-stats UNLISTED                          401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams UNLISTED                               401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/export UNLISTED                        401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/mine UNLISTED                          401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/teams/{teamId} UNLISTED                      401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/invitations UNLISTED          401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/join-requests UNLISTED        401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ballot UNLISTED  401       403      403        403           403            403         403    403    404   403       403
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ranking UNLISTED  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/finalists UNLISTED  401       403      403        403           403            403         403    403    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/judges UNLISTED  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/ranking UNLISTED  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/rubric UNLISTED 200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/assignments UNLISTED                     401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/conflicts UNLISTED                       401       403      403        403           403            403         403    403    200   200       200
            GET /events/{eventId}/judging/progress UNLISTED                        401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/queue UNLISTED                           401       403      403        403           403            403         403    403    200   403       403
            GET /events/{eventId}/judging/ranking UNLISTED                         401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/ranking/{submissionId}/explain UNLISTED  401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/results UNLISTED                         401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/rubric UNLISTED                          200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/scores/{submissionId} UNLISTED           401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/ballots/mine UNLISTED                  401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/voting/peoples-choice UNLISTED                401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/export UNLISTED                 401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags UNLISTED                  401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags/{flagId} UNLISTED         401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates UNLISTED                        401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/certificates/runs/latest UNLISTED            401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates/runs/{runId} UNLISTED           401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results UNLISTED                             404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/data.json UNLISTED                   404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/draft UNLISTED                       401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results/results.csv UNLISTED                 404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/results.json UNLISTED                404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/tallies UNLISTED                       403       403      403        403           403            403         403    403    403   200       200
            GET /submissions/{submissionId} UNLISTED                           401       403      403        403           403            403         200    200    200   200       200
            GET /submissions/{submissionId}/comments UNLISTED                  401       404      404        404           404            404         200    200    404   200       200
            GET /submissions/{submissionId}/versions UNLISTED                  200       200      200        200           200            200         200    200    200   200       200
            GET /submissions/{submissionId}/versions/{number} UNLISTED         200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId} PUBLIC                                       200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/allow-list PUBLIC                            401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/audit-log PUBLIC                             401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals PUBLIC                   401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/challenge-proposals/{proposalId} PUBLIC      401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/challenges PUBLIC                            200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/challenges/{challengeId} PUBLIC              200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/finder/people PUBLIC                         401       403      403        403           403            200         200    403    403   200       200
            GET /events/{eventId}/finder/teams PUBLIC                          401       403      403        403           403            200         200    403    403   200       200
            GET /events/{eventId}/gallery/submissions PUBLIC                   200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams PUBLIC                         200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/gallery/teams/{teamId} PUBLIC                200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/help-requests PUBLIC                         401       403      403        403           403            403         403    200    403   200       200
            GET /events/{eventId}/help-requests/stats PUBLIC                   401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/help-requests/{requestId} PUBLIC             401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/help-requests/{requestId}/comments PUBLIC    401       404      404        404           404            404         200    200    404   200       200
            GET /events/{eventId}/invitations PUBLIC                           401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/join-requests PUBLIC                         401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/memberships PUBLIC                           401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations PUBLIC                         401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/export PUBLIC                  401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/registrations/me PUBLIC                      401       404      404        404           404            200         200    404    404   404       404
            GET /events/{eventId}/registrations/me/export PUBLIC               401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/submissions PUBLIC                           401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/team-stats PUBLIC                            401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams PUBLIC                                 401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/export PUBLIC                          401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/teams/mine PUBLIC                            401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/teams/{teamId} PUBLIC                        401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/invitations PUBLIC            401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/teams/{teamId}/join-requests PUBLIC          401       404      404        404           404            404         200    404    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ballot PUBLIC  401       403      403        403           403            403         403    403    404   403       403
            GET /events/{eventId}/challenges/{challengeId}/judging/final-ranking PUBLIC  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/finalists PUBLIC  401       403      403        403           403            403         403    403    404   200       200
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/judges PUBLIC  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/pairwise/ranking PUBLIC  401       403      403        403           403            403         403    403    403   409       409
            GET /events/{eventId}/challenges/{challengeId}/judging/rubric PUBLIC   200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/assignments PUBLIC                       401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/conflicts PUBLIC                         401       403      403        403           403            403         403    403    200   200       200
            GET /events/{eventId}/judging/progress PUBLIC                          401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/queue PUBLIC                             401       403      403        403           403            403         403    403    200   403       403
            GET /events/{eventId}/judging/ranking PUBLIC                           401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/ranking/{submissionId}/explain PUBLIC    401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/results PUBLIC                           401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/judging/rubric PUBLIC                            200       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/judging/scores/{submissionId} PUBLIC             401       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/ballots/mine PUBLIC                  401       200      200        200           200            200         200    200    200   200       200
            GET /events/{eventId}/voting/peoples-choice PUBLIC                401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/export PUBLIC                 401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags PUBLIC                  401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/voting/review/flags/{flagId} PUBLIC         401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates PUBLIC                          401       403      403        403           403            403         403    403    403   200       200
            GET /events/{eventId}/certificates/runs/latest PUBLIC              401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/certificates/runs/{runId} PUBLIC             401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results PUBLIC                               404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/data.json PUBLIC                     404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/draft PUBLIC                         401       403      403        403           403            403         403    403    403   404       404
            GET /events/{eventId}/results/results.csv PUBLIC                   404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/results/results.json PUBLIC                  404       404      404        404           404            404         404    404    404   404       404
            GET /events/{eventId}/voting/tallies PUBLIC                       403       403      403        403           403            403         403    403    403   200       200
            GET /submissions/{submissionId} PUBLIC                             401       403      403        403           403            403         200    200    200   200       200
            GET /submissions/{submissionId}/comments PUBLIC                    401       404      404        404           404            404         200    200    404   200       200
            GET /submissions/{submissionId}/versions PUBLIC                    200       200      200        200           200            200         200    200    200   200       200
            GET /submissions/{submissionId}/versions/{number} PUBLIC           200       200      200        200           200            200         200    200    200   200       200
            """);

    static {
        for (String visibility : PrivateEventWorld.VISIBILITIES) {
            for (String path : UNDER_EVENT) {
                MATRIX.read(
                        "GET " + path + " " + visibility,
                        w -> AccessMatrix.Call.get(w.resolve(path, w.stages.get(visibility))));
            }
        }
    }

    private static PrivateEventWorld shared;

    /** The world every read-only test shares, built once per class. */
    private PrivateEventWorld world() {
        if (shared == null) {
            shared = new PrivateEventWorld(web, fixtures, tokens);
        }
        return shared;
    }

    @Test
    void everyGetUnderAnEventInTheContractHasARow() throws IOException {
        JsonNode paths =
                new ObjectMapper(new YAMLFactory())
                        .readTree(Path.of("..", "openapi", "openapi.yaml").toFile())
                        .get("paths");
        Set<String> declared = new TreeSet<>();
        paths.fieldNames()
                .forEachRemaining(
                        path -> {
                            if (path.startsWith("/api/v1/events/{eventId}")
                                    && paths.get(path).has("get")) {
                                declared.add(path.substring("/api/v1".length()));
                            }
                        });
        // An allowed tally stream never ends, so it has no row here: who may open it, and the 404
        // of a PRIVATE event, are VotingStreamIntegrationTests'.
        declared.remove("/events/{eventId}/voting/tallies/stream");
        Set<String> covered = new TreeSet<>(UNDER_EVENT);
        covered.removeIf(path -> !path.startsWith("/events/"));

        assertThat(covered).isEqualTo(declared);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listEventsWhenUnlistedOrPrivateThenOnlyInsidersFindThem() {
        PrivateEventWorld w = world();
        Map<String, List<String>> listedFor = new LinkedHashMap<>();
        for (String caller : PrivateEventWorld.CALLERS) {
            Set<String> all = allListed(w.caller(caller));
            List<String> mine = new ArrayList<>();
            w.stages.forEach(
                    (visibility, stage) -> {
                        if (all.contains(stage.event().toString())) {
                            mine.add(visibility);
                        }
                    });
            listedFor.put(caller, mine);
        }

        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<String> publicOnly = List.of("PUBLIC");
        List<String> privateToo = List.of("PRIVATE", "PUBLIC");
        List<String> all = List.of("PRIVATE", "UNLISTED", "PUBLIC");
        expected.put("anonymous", publicOnly);
        expected.put("outsider", publicOnly);
        expected.put("unverified", publicOnly);
        expected.put("allowed-email", privateToo);
        expected.put("allowed-domain", privateToo);
        for (String insider :
                List.of("participant", "member", "mentor", "judge", "organizer", "admin")) {
            expected.put(insider, all);
        }
        assertThat(listedFor).isEqualTo(expected);
    }

    /** Every event id GET /events lists for this caller, following the cursor. */
    private Set<String> allListed(Fixtures.User user) {
        Api api = new Api(web, fixtures);
        Set<String> ids = new java.util.HashSet<>();
        String cursor = null;
        do {
            String path = "/api/v1/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Reply page = api.get(user, path).expect(200);
            ids.addAll(page.<List<String>>json("$.items[*].id"));
            cursor = (String) page.<Map<String, Object>>json("$").get("nextCursor");
        } while (cursor != null);
        return ids;
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void getUnderAnEventWhenVisibilityVariesThenOnlyInsidersSeePrivateOnes(String row) {
        PrivateEventWorld w = MATRIX.scenario(row, "world", this::world);

        MATRIX.verify(web, row, w, w.tokens());
    }
}
