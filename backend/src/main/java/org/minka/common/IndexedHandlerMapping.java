package org.minka.common;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring's {@code @RequestMapping} lookup, with the candidates for a request taken from a tree of
 * the mappings' path segments. Spring finds a path without variables by a hash lookup, but for
 * every other path ({@code /api/v1/events/{eventId}/voting/ballots}) it tries each of the app's
 * 200-odd mappings in turn: methods, consumes, produces, then patterns. That scan was 10 % of the
 * app's CPU in {@code make bench-vote}. Here a request is tried only against the mappings whose
 * patterns fit its path segment by segment (literal segments equal, variables anywhere).
 *
 * <p>The result is Spring's own, by construction: a pattern can match a path only if each of the
 * pattern's literal segments equals the path's segment at that place (case-sensitive, decoded, as
 * {@link PathPattern} compares them), so the candidates hold every mapping that can match (a
 * segment the tree cannot place, such as a regex, makes the mapping a candidate for every path
 * below it); each is then matched, compared and handled by Spring's code. Whatever this index does
 * not answer with one best match goes to Spring's full scan: no match (so that Spring answers 404,
 * 405, 406 or 415 as always), two equally good matches (Spring's ambiguity error), CORS
 * pre-flights, and paths that are not a plain run of {@code /segment}s.
 */
final class IndexedHandlerMapping extends RequestMappingHandlerMapping {

    /** A pattern segment that is plain text: no variable, wildcard, or character to decode. */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");

    /**
     * A pattern segment that matches within one path segment: plain text with variables ("{id}",
     * "{name}.json") or "*" wildcards, but no "**", no "{*rest}" and no regex (which may hold a
     * "/").
     */
    private static final Pattern ONE_SEGMENT =
            Pattern.compile("(?:[A-Za-z0-9._~-]|\\{[A-Za-z_][A-Za-z0-9_]*\\}|\\*(?!\\*))+");

    /** A mapping and its handler, as registered. */
    record Entry(RequestMappingInfo info, HandlerMethod handler) {}

    private volatile Index index;

    @Override
    protected void handlerMethodsInitialized(
            Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        reindex(handlerMethods);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        reindex(getHandlerMethods());
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        reindex(getHandlerMethods());
    }

    private void reindex(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        boolean exact = getPathPatternParser().isCaseSensitive();
        this.index = exact ? Index.of(handlerMethods) : null;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(ServerWebExchange exchange) throws Exception {
        List<Entry> candidates = candidates(exchange);
        Entry best = candidates == null ? null : best(candidates, exchange);
        if (best == null) {
            return super.lookupHandlerMethod(exchange);
        }
        handleMatch(best.info(), best.handler(), exchange);
        return best.handler();
    }

    /** Spring's own lookup, every mapping tried in turn (the reference for tests). */
    HandlerMethod scanAll(ServerWebExchange exchange) throws Exception {
        return super.lookupHandlerMethod(exchange);
    }

    /** The mappings that may match, or null when the full scan decides. */
    List<Entry> candidates(ServerWebExchange exchange) {
        Index current = this.index;
        if (current == null || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return null;
        }
        return current.candidates(exchange.getRequest().getPath().pathWithinApplication());
    }

    /** The one best match (with the request's conditions), or null for none or a tie. */
    private Entry best(List<Entry> candidates, ServerWebExchange exchange) {
        List<Entry> matches = new ArrayList<>(2);
        for (Entry candidate : candidates) {
            RequestMappingInfo match = getMatchingMapping(candidate.info(), exchange);
            if (match != null) {
                matches.add(new Entry(match, candidate.handler()));
            }
        }
        if (matches.size() < 2) {
            return matches.isEmpty() ? null : matches.get(0);
        }
        Comparator<RequestMappingInfo> order = getMappingComparator(exchange);
        matches.sort((a, b) -> order.compare(a.info(), b.info()));
        boolean tie = order.compare(matches.get(0).info(), matches.get(1).info()) == 0;
        return tie ? null : matches.get(0);
    }

    /**
     * The mappings as a tree of their patterns' segments: a literal segment ("events") is a child
     * by its text, any other segment that matches within one path segment ("{eventId}", "*",
     * "{name}.json") is the node's one "any" child. A mapping sits where its pattern ends, or, when
     * its pattern goes on with something that may span segments ("**", "{*rest}"), as "rest" at the
     * node before it: it is a candidate for every path below.
     */
    private record Index(Node root) {

        static Index of(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
            Node root = new Node();
            handlerMethods.forEach((info, handler) -> add(root, new Entry(info, handler)));
            return new Index(root);
        }

        private static void add(Node root, Entry entry) {
            for (PathPattern pattern : entry.info().getPatternsCondition().getPatterns()) {
                root.add(segments(pattern.getPatternString()), 0, entry);
            }
        }

        /** "/api/v1/{id}/" gives [api, v1, {id}]; a pattern not from "/" gives [**]. */
        static List<String> segments(String pattern) {
            if (!pattern.startsWith("/")) {
                return List.of("**");
            }
            List<String> segments = new ArrayList<>(List.of(pattern.substring(1).split("/", -1)));
            if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
                segments.remove(segments.size() - 1);
            }
            return segments;
        }

        /** Every mapping that may match the path, or null if it is not a plain "/a/b/c". */
        List<Entry> candidates(PathContainer path) {
            List<PathContainer.Element> elements = path.elements();
            List<Entry> found = new ArrayList<>();
            List<Node> level = List.of(root);
            for (int i = 0; i < elements.size(); i++) {
                boolean separator = elements.get(i) instanceof PathContainer.Separator;
                if (separator != (i % 2 == 0)) {
                    return null;
                }
                if (!separator) {
                    String segment = ((PathContainer.PathSegment) elements.get(i)).valueToMatch();
                    level = next(level, segment, found);
                }
            }
            for (Node node : level) {
                addNew(found, node.rest);
                addNew(found, node.ends);
            }
            return found;
        }

        private static List<Node> next(List<Node> level, String segment, List<Entry> found) {
            List<Node> next = new ArrayList<>(2);
            for (Node node : level) {
                addNew(found, node.rest);
                Node literal = node.literals.get(segment);
                if (literal != null) {
                    next.add(literal);
                }
                if (node.any != null) {
                    next.add(node.any);
                }
            }
            return next;
        }

        private static void addNew(List<Entry> found, List<Entry> more) {
            for (Entry entry : more) {
                if (!holds(found, entry)) {
                    found.add(entry);
                }
            }
        }

        /**
         * Whether the list holds this very entry (a mapping with several patterns sits in the tree
         * once per pattern, as one instance; comparing instances spares RequestMappingInfo.equals).
         */
        private static boolean holds(List<Entry> found, Entry entry) {
            for (Entry seen : found) {
                if (seen == entry) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One segment position of the patterns in {@link Index}. */
    private static final class Node {

        final Map<String, Node> literals = new HashMap<>();
        Node any;
        final List<Entry> ends = new ArrayList<>();
        final List<Entry> rest = new ArrayList<>();

        void add(List<String> segments, int at, Entry entry) {
            if (at == segments.size()) {
                ends.add(entry);
                return;
            }
            String segment = segments.get(at);
            if (LITERAL.matcher(segment).matches()) {
                literals.computeIfAbsent(segment, s -> new Node()).add(segments, at + 1, entry);
            } else if (ONE_SEGMENT.matcher(segment).matches()) {
                any = any == null ? new Node() : any;
                any.add(segments, at + 1, entry);
            } else {
                rest.add(entry);
            }
        }
    }
}
