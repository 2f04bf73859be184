package org.minka.team;

import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The old name of {@link Api}, kept so that tests written against it still compile.
 *
 * @deprecated use {@link Api} from test support
 */
@Deprecated
public final class TeamApi extends Api {

    public TeamApi(WebTestClient web, Fixtures fixtures) {
        super(web, fixtures);
    }
}
