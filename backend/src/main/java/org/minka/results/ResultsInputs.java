package org.minka.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.event.EventAccess;
import org.minka.judging.JudgingResults;
import org.minka.results.ResultsRows.DatasetRef;
import org.minka.results.ResultsRows.Edition;
import org.minka.submission.SubmissionAccess;
import org.minka.voting.Tallies;
import org.minka.voting.VotingAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a build of the draft reads: judging's provisional ranking, the counted versions, the valid
 * votes, the disqualifications, and the datasets each counted submission declared, matched to the
 * catalog's linked datasets (by landing URL, as challenges name them) with their publishers.
 */
@Component
class ResultsInputs {

    private final ResultsRepository repository;
    private final JudgingResults judging;
    private final VotingAccess voting;
    private final SubmissionAccess submissions;
    private final CatalogLookup catalog;

    ResultsInputs(
            ResultsRepository repository,
            JudgingResults judging,
            VotingAccess voting,
            SubmissionAccess submissions,
            CatalogLookup catalog) {
        this.repository = repository;
        this.judging = judging;
        this.voting = voting;
        this.submissions = submissions;
        this.catalog = catalog;
    }

    /** What judging, voting, the submissions and the catalog say now, for the edition. */
    Mono<ResultsRanking.Inputs> read(EventAccess.EventFacts event, Edition edition) {
        UUID e = event.id();
        return Mono.zip(
                        judging.provisional(event),
                        submissions.countedVersions(e).collectList(),
                        voting.tallies(e).map(ResultsInputs::votes),
                        repository.disqualifications(e).collectList(),
                        datasets(e))
                .map(
                        t ->
                                new ResultsRanking.Inputs(
                                        t.getT1(),
                                        t.getT2(),
                                        t.getT3(),
                                        event.settings().voting().scope(),
                                        disqualifiedIds(t.getT4()),
                                        t.getT5(),
                                        edition.places(),
                                        edition.overallWinner()));
    }

    private static Set<UUID> disqualifiedIds(List<ResultsRows.Disqualification> list) {
        Set<UUID> ids = new HashSet<>();
        list.forEach(d -> ids.add(d.submissionId()));
        return ids;
    }

    private static Map<UUID, Long> votes(Tallies tallies) {
        Map<UUID, Long> votes = new HashMap<>();
        tallies.challenges()
                .forEach(c -> c.submissions().forEach(s -> votes.put(s.submissionId(), s.votes())));
        return votes;
    }

    /** Each counted submission's declared datasets, with the catalog's dataset when linked. */
    private Mono<Map<UUID, List<DatasetRef>>> datasets(UUID eventId) {
        return submissions
                .datasetsUsed(eventId)
                .collectList()
                .flatMap(used -> linked(used).map(links -> refs(used, links)));
    }

    private Mono<Map<String, CatalogLookup.LinkedDataset>> linked(
            List<SubmissionAccess.UsedDataset> used) {
        List<CatalogLookup.EntryName> entries =
                used.stream()
                        .map(u -> new CatalogLookup.EntryName(u.url(), null))
                        .distinct()
                        .toList();
        return catalog.datasetsNamedBy(entries).collectList().flatMap(named -> withDatasets(named));
    }

    private Mono<Map<String, CatalogLookup.LinkedDataset>> withDatasets(
            List<CatalogLookup.NamedDataset> named) {
        List<UUID> ids =
                named.stream().map(CatalogLookup.NamedDataset::datasetId).distinct().toList();
        return catalog.datasets(ids)
                .collectMap(CatalogLookup.LinkedDataset::id)
                .map(byId -> byUrl(named, byId));
    }

    private static Map<String, CatalogLookup.LinkedDataset> byUrl(
            List<CatalogLookup.NamedDataset> named, Map<UUID, CatalogLookup.LinkedDataset> byId) {
        Map<String, CatalogLookup.LinkedDataset> out = new HashMap<>();
        for (CatalogLookup.NamedDataset n : named) {
            CatalogLookup.LinkedDataset d = byId.get(n.datasetId());
            if (d != null) {
                out.put(n.entry().landingUrl(), d);
            }
        }
        return out;
    }

    private static Map<UUID, List<DatasetRef>> refs(
            List<SubmissionAccess.UsedDataset> used,
            Map<String, CatalogLookup.LinkedDataset> links) {
        Map<UUID, List<DatasetRef>> out = new LinkedHashMap<>();
        for (SubmissionAccess.UsedDataset u : used) {
            CatalogLookup.LinkedDataset d = links.get(u.url());
            DatasetRef ref =
                    d == null
                            ? new DatasetRef(u.url(), u.title(), null, null)
                            : new DatasetRef(u.url(), d.title(), d.id(), d.publisherId());
            out.computeIfAbsent(u.submissionId(), k -> new ArrayList<>()).add(ref);
        }
        return out;
    }
}
