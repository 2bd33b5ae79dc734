"""The editing desk: write, cite and revise an explainer on one screen, with the reader's page beside it.

Every action is a plain form that works without JavaScript (post, then back to the desk). With the
small htmx script the same forms update the part of the page they change, and the preview and the
workflow panel follow. Writes go through `services.desk`; nothing here changes what readers see.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.csp import CSP
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from explainers import editlog
from explainers.changes import changes_between
from explainers.models import Author, Block, BlockClaim, Citation, Claim, Edit, Explainer, ExplainerAuthor
from explainers.passages import find_passages
from explainers.preview import preview_path
from explainers.services import desk, publishing, workflow
from explainers.services.integrity import explainer_report, touched_disagreements
from explainers.snapshots import explainer_content
from explainers.timeline import explainer_timeline
from explainers.views import render_working_page
from sources.admin_tools import get_or_404, posted_version
from sources.models import Source, StaleEditError

HISTORY_ENTRIES = 12


class DetailsForm(forms.ModelForm):
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The newsroom's bylines, shown in alphabetical order (the classic form sets another).",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**63 - 1)

    class Meta:
        model = Explainer
        fields = ["title", "slug", "dek", "tags", "notes", "social_title", "social_description"]
        widgets = {"dek": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 2})}


class NewExplainerForm(forms.ModelForm):
    class Meta:
        model = Explainer
        fields = ["title", "slug", "dek"]
        widgets = {"dek": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Leave empty to make one from the title."

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("title", ""))[:180]
        if not slug:
            raise forms.ValidationError("Give the explainer a title first.")
        base, n = slug, 1
        while Explainer.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class SourceForm(forms.Form):
    title = forms.CharField(max_length=500)
    publisher = forms.CharField(max_length=200, required=False, help_text="As it signs its work.")
    url = forms.URLField(max_length=1000, required=False, assume_scheme="https")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=settings.IMPORT_MAX_BYTES)


def refusing(action):
    """A desk action refused by the workflow's rule says why on the desk (not a bare 403 page)."""

    def wrapped(self, request, object_id, *args, **kwargs):
        try:
            return action(self, request, object_id, *args, **kwargs)
        except PermissionDenied as refusal:
            explainer = get_or_404(self.admin, request, object_id)
            if not self.admin.has_view_permission(request, explainer):
                raise
            return self._refused(request, explainer, refusal)

    return wrapped


class Desk:
    """The desk's views, mounted under the explainers admin (`ExplainerAdmin.get_urls`)."""

    def __init__(self, model_admin):
        self.admin = model_admin

    def urls(self):
        view = self.admin.admin_site.admin_view
        post = lambda f: view(require_POST(f))  # noqa: E731
        p = "explainers_explainer_desk"
        return [
            path("desk/new/", view(self.new), name=f"{p}_new"),
            path("<path:object_id>/desk/", view(require_GET(self.page)), name=p),
            path("<path:object_id>/desk/preview/", view(require_GET(self.preview)), name=f"{p}_preview"),
            path("<path:object_id>/desk/panel/", view(require_GET(self.panel)), name=f"{p}_panel"),
            path("<path:object_id>/desk/passages/", view(require_GET(self.passages)), name=f"{p}_passages"),
            path("<path:object_id>/desk/details/", post(self.details), name=f"{p}_details"),
            path("<path:object_id>/desk/blocks/", post(self.add_block), name=f"{p}_add_block"),
            path("<path:object_id>/desk/blocks/<int:block_id>/", post(self.block), name=f"{p}_block"),
            path(
                "<path:object_id>/desk/blocks/<int:block_id>/sentences/",
                post(self.add_sentences),
                name=f"{p}_add_sentences",
            ),
            path("<path:object_id>/desk/sentences/<int:item_id>/", post(self.sentence), name=f"{p}_sentence"),
            path("<path:object_id>/desk/sentences/<int:item_id>/cite/", post(self.cite), name=f"{p}_cite"),
            path(
                "<path:object_id>/desk/citations/<int:citation_id>/remove/",
                post(self.uncite),
                name=f"{p}_uncite",
            ),
            path(
                "<path:object_id>/desk/citations/<int:citation_id>/confirm/",
                post(self.confirm),
                name=f"{p}_confirm",
            ),
            path(
                "<path:object_id>/desk/sentences/<int:item_id>/decision/",
                post(self.decision),
                name=f"{p}_decision",
            ),
            path("<path:object_id>/desk/sources/", post(self.paste_source), name=f"{p}_source"),
        ]

    # --- the page and its parts -----------------------------------------------------------------

    def _explainer(self, request, object_id, *, edit: bool = False) -> Explainer:
        explainer = get_or_404(self.admin, request, object_id)
        if not self.admin.has_view_permission(request, explainer):
            raise PermissionDenied
        if edit and not workflow.can_edit(explainer, request.user):
            raise PermissionDenied(
                f"You may not edit “{explainer}” while it is {explainer.get_status_display().lower()}."
            )
        return explainer

    def _body(self, explainer):
        citations = Citation.objects.select_related("source__publisher", "confirmed_by").order_by("pk")
        items = (
            BlockClaim.objects.select_related("claim__speaker_person", "claim__speaker_organization")
            .annotate(uses=Count("claim__placements", distinct=True))
            .prefetch_related(Prefetch("claim__citations", queryset=citations))
        )
        return list(
            Block.objects.filter(explainer=explainer)
            .order_by("position")
            .prefetch_related(Prefetch("items", queryset=items.order_by("position")))
        )

    def _panel(self, request, explainer):
        state = workflow.State.of(explainer)
        shown = state.scheduled or state.live
        return {
            "explainer": explainer,
            "state": state,
            "actions": workflow.allowed_actions(explainer, request.user, state=state),
            "report": explainer_report(explainer),
            "changes": changes_between(shown.content, explainer_content(explainer)) if state.pending else [],
            "can_schedule": publishing.can_publish(request.user),
            "can_share": workflow.can_edit(explainer, request.user)
            or request.user.has_perm("explainers.review_explainer"),
            "url": reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
            "preview_link_url": reverse("admin:explainers_explainer_preview_link", args=[explainer.pk]),
            "previews": [
                (p, request.build_absolute_uri(preview_path(p)))
                for p in explainer.snapshots.filter(published_at__isnull=True).order_by("-number")[:2]
            ],
            "history": explainer_timeline(explainer, limit=HISTORY_ENTRIES),
            "timeline_url": reverse("admin:explainers_explainer_timeline", args=[explainer.pk]),
            "compare_url": reverse("admin:explainers_explainer_compare", args=[explainer.pk]),
            "next": reverse("admin:explainers_explainer_desk", args=[explainer.pk]),
        }

    def _context(self, request, explainer, **extra):
        editable = workflow.can_edit(explainer, request.user)
        return {
            **self.admin.admin_site.each_context(request),
            "opts": Explainer._meta,
            "original": explainer,
            "title": f"Desk: {explainer}",
            "is_nav_sidebar_enabled": False,  # the desk needs the width
            "explainer": explainer,
            "editable": editable,
            "blocks": _with_disagreements(self._body(explainer)),
            "may_confirm": desk.may_confirm(request.user),
            "kinds": Block.Kind.choices,
            "sentence_kinds": [k for k in Claim.Kind.choices if k[0] != Claim.Kind.QUOTE],
            "panel": self._panel(request, explainer),
            "details": extra.pop("details", None)
            or DetailsForm(
                instance=explainer,
                initial={
                    "seen_version": explainer.version,
                    "authors": [a.author_id for a in explainer.author_links.all()],
                },
            ),
            "source_form": extra.pop("source_form", None) or SourceForm(),
            "change_url": reverse("admin:explainers_explainer_change", args=[explainer.pk]),
            **extra,
        }

    def page(self, request, object_id):
        explainer = self._explainer(request, object_id)
        found, finding, replacing = [], None, None
        item_id, query = request.GET.get("find", ""), request.GET.get("q", "").strip()
        if item_id.isdigit() and not query and request.GET.get("evidence"):
            item = BlockClaim.objects.filter(pk=int(item_id), block__explainer=explainer).select_related(
                "claim"
            )
            query = item[0].claim.text if item else ""
        if item_id.isdigit() and query:
            finding, found = int(item_id), find_passages(query)
            replacing = Citation.objects.filter(
                pk=_int(request.GET.get("replace") or 0), claim__placements=int(item_id)
            ).first()
        context = self._context(
            request, explainer, finding=finding, found=found, query=query, replacing=replacing
        )
        response = TemplateResponse(request, "admin/explainers/desk/desk.html", context)
        response._csp_config = {**settings.SECURE_CSP, "frame-src": [CSP.SELF]}
        return response

    def _partial(self, request, explainer, template, status=200, **extra):
        response = TemplateResponse(
            request, template, self._context(request, explainer, **extra), status=status
        )
        response["HX-Trigger"] = "desk-changed"
        return response

    def _done(self, request, explainer, *, anchor: str = "", message: str = ""):
        """After a change: the body again (htmx) or the whole desk (plain form)."""
        if request.htmx:
            return self._partial(request, explainer, "admin/explainers/desk/body.html", notice=message)
        if message:
            messages.success(request, message)
        url = reverse("admin:explainers_explainer_desk", args=[explainer.pk])
        return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)

    def _refused(self, request, explainer, error, *, anchor: str = ""):
        text = getattr(error, "message", None) or str(error)
        if request.htmx:
            return self._partial(request, explainer, "admin/explainers/desk/body.html", problem=text)
        messages.error(request, text)
        url = reverse("admin:explainers_explainer_desk", args=[explainer.pk])
        return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)

    @xframe_options_sameorigin
    def preview(self, request, object_id):
        """The reader's page of the working version, for the desk's preview frame (same code as readers')."""
        explainer = self._explainer(request, object_id)
        response = render_working_page(request, explainer)
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        return response

    def panel(self, request, object_id):
        explainer = self._explainer(request, object_id)
        return TemplateResponse(
            request, "admin/explainers/desk/panel.html", {"panel": self._panel(request, explainer)}
        )

    def passages(self, request, object_id):
        explainer = self._explainer(request, object_id)
        item = get_object_or_404(
            BlockClaim.objects.select_related("claim"),
            pk=_int(request.GET.get("item")),
            block__explainer=explainer,
        )
        query = request.GET.get("q", "").strip() or (item.claim.text if request.GET.get("evidence") else "")
        replacing = item.claim.citations.filter(pk=_int(request.GET.get("replace") or 0)).first()
        context = {
            "explainer": explainer,
            "item": item,
            "found": find_passages(query) if query else [],
            "query": query,
            "replacing": replacing,
        }
        return TemplateResponse(request, "admin/explainers/desk/passages.html", context)

    # --- new explainers and details -------------------------------------------------------------

    def new(self, request):
        if not self.admin.has_add_permission(request):
            raise PermissionDenied
        form = NewExplainerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            explainer = form.save(commit=False)
            explainer.updated_by = request.user
            explainer.save()
            profile = Author.objects.filter(user=request.user, is_active=True).first()
            if profile is not None:
                ExplainerAuthor.objects.create(explainer=explainer, author=profile, position=0)
            messages.success(request, f"“{explainer}” is a draft: write it below.")
            return HttpResponseRedirect(reverse("admin:explainers_explainer_desk", args=[explainer.pk]))
        context = {
            **self.admin.admin_site.each_context(request),
            "opts": Explainer._meta,
            "title": "Write a new explainer",
            "form": form,
        }
        return TemplateResponse(request, "admin/explainers/desk/new.html", context)

    @refusing
    def details(self, request, object_id):
        explainer = self._explainer(request, object_id, edit=True)
        form = DetailsForm(request.POST, instance=explainer)
        if not form.is_valid():
            return self._details_refused(request, explainer, form)
        if form.cleaned_data["seen_version"] != explainer.version:
            form.add_error(None, explainer.stale_error().message)
            return self._details_refused(request, explainer, form)
        saved = form.save(commit=False)
        saved.updated_by = request.user
        try:
            with desk.saved(saved, request.user, "Desk: changed the details"):
                saved.save()
                form.save_m2m()
                wanted = list(form.cleaned_data["authors"])
                if [link.author_id for link in saved.author_links.order_by("position")] != [
                    a.pk for a in wanted
                ]:
                    with editlog.quiet():
                        saved.author_links.all().delete()
                        for n, author in enumerate(wanted):
                            ExplainerAuthor.objects.create(explainer=saved, author=author, position=n)
                    byline = ", ".join(a.name for a in wanted) or "no author"
                    editlog.record([saved.pk], Edit.Kind.BYLINE, f"Byline: {byline}")
        except StaleEditError as error:
            form.add_error(None, error.message)
            return self._details_refused(request, explainer, form)
        if request.htmx:
            return self._partial(request, saved, "admin/explainers/desk/details.html", saved=True)
        messages.success(request, "Details saved.")
        return HttpResponseRedirect(reverse("admin:explainers_explainer_desk", args=[saved.pk]))

    def _details_refused(self, request, explainer, form):
        if request.htmx:
            return self._partial(request, explainer, "admin/explainers/desk/details.html", details=form)
        context = self._context(request, explainer, details=form)
        response = TemplateResponse(request, "admin/explainers/desk/desk.html", context, status=200)
        response._csp_config = {**settings.SECURE_CSP, "frame-src": [CSP.SELF]}
        return response

    # --- the body -------------------------------------------------------------------------------

    @refusing
    def add_block(self, request, object_id):
        explainer = self._explainer(request, object_id, edit=True)
        try:
            placed = desk.add_block(
                explainer,
                by=request.user,
                kind=request.POST.get("kind", ""),
                text=request.POST.get("text", ""),
            )
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor="add-block")
        count = len(placed.items)
        message = f"Added {count} sentence{'s' if count != 1 else ''}." if count else "Heading added."
        return self._done(request, explainer, anchor=f"block-{placed.block.pk}", message=message)

    def _block(self, explainer, block_id) -> Block:
        return get_object_or_404(Block, pk=block_id, explainer=explainer)

    @refusing
    def block(self, request, object_id, block_id):
        explainer = self._explainer(request, object_id, edit=True)
        block = self._block(explainer, block_id)
        action = request.POST.get("action", "save")
        try:
            if action in ("up", "down"):
                moved = desk.move_block(block, by=request.user, up=action == "up")
                where = "first" if action == "up" else "last"
                message = "Block moved." if moved else f"The block is already the {where}."
            elif action == "delete":
                desk.delete_block(block, by=request.user, seen_version=_seen(request))
                message = "Block removed; its sentences stay in the library (History can bring it back)."
                return self._done(request, explainer, message=message)
            else:
                desk.update_block(
                    block,
                    by=request.user,
                    kind=request.POST.get("kind", block.kind),
                    text=request.POST.get("text", ""),
                    seen_version=posted_version(request),
                )
                message = "Block saved."
        except (desk.DeskRefused, StaleEditError) as error:
            return self._refused(request, explainer, error, anchor=f"block-{block.pk}")
        return self._done(request, explainer, anchor=f"block-{block.pk}", message=message)

    @refusing
    def add_sentences(self, request, object_id, block_id):
        explainer = self._explainer(request, object_id, edit=True)
        block = self._block(explainer, block_id)
        try:
            placed = desk.add_sentences(block, by=request.user, text=request.POST.get("text", ""))
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"block-{block.pk}")
        return self._done(request, explainer, anchor=f"sentence-{placed[0].pk}")

    def _item(self, explainer, item_id) -> BlockClaim:
        return get_object_or_404(
            BlockClaim.objects.select_related("claim", "block"), pk=item_id, block__explainer=explainer
        )

    @refusing
    def sentence(self, request, object_id, item_id):
        explainer = self._explainer(request, object_id, edit=True)
        item = self._item(explainer, item_id)
        action = request.POST.get("action", "save")
        try:
            if action in ("up", "down"):
                moved = desk.move_sentence(item, by=request.user, up=action == "up")
                where = "first" if action == "up" else "last"
                message = "Sentence moved." if moved else f"The sentence is already the {where} of its block."
            elif action == "delete":
                desk.remove_sentence(item, by=request.user, seen_version=_seen(request))
                message = "Sentence removed (it stays in the library)."
                return self._done(request, explainer, anchor=f"block-{item.block_id}", message=message)
            else:
                desk.edit_sentence(
                    item,
                    by=request.user,
                    text=request.POST.get("text", ""),
                    kind=request.POST.get("kind", item.claim.kind),
                    seen_version=posted_version(request),
                )
                message = "Sentence saved."
        except StaleEditError as error:
            return self._stale_sentence(request, explainer, item, error)
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"sentence-{item.pk}")
        return self._done(request, explainer, anchor=f"sentence-{item.pk}", message=message)

    def _stale_sentence(self, request, explainer, item, error):
        """Someone saved the sentence since: say who and what, and keep the editor's words."""
        current = Claim.objects.filter(pk=item.claim_id).values_list("text", flat=True).first()
        if current is None:
            return self._refused(request, explainer, error)
        text = f"{error.message} Their version: “{current}”."
        if not request.htmx:
            return self._refused(request, explainer, text, anchor=f"sentence-{item.pk}")
        kept = {"item": item.pk, "text": request.POST.get("text", "")[: desk.MAX_SENTENCE]}
        text += " Yours is kept in the box: save again to replace theirs."
        return self._partial(request, explainer, "admin/explainers/desk/body.html", problem=text, kept=kept)

    @refusing
    def cite(self, request, object_id, item_id):
        explainer = self._explainer(request, object_id, edit=True)
        item = self._item(explainer, item_id)
        source = get_object_or_404(Source, pk=_int(request.POST.get("source")))
        replaces = None
        if request.POST.get("replaces"):
            replaces = get_object_or_404(
                Citation, pk=_int(request.POST.get("replaces")), claim_id=item.claim_id
            )
        try:
            citation = desk.cite(
                item, by=request.user, source=source, quote=request.POST.get("quote", ""), replaces=replaces
            )
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"sentence-{item.pk}")
        state = "confirmed" if citation.is_confirmed else "waiting for an editor to confirm it"
        verb = "Replaced the citation with" if replaces is not None else "Cited"
        return self._done(
            request,
            explainer,
            anchor=f"sentence-{item.pk}",
            message=f"{verb} “{source}” ({citation.get_status_display().lower()} match, {state}).",
        )

    @refusing
    def uncite(self, request, object_id, citation_id):
        explainer = self._explainer(request, object_id, edit=True)
        citation = get_object_or_404(Citation, pk=citation_id)
        item = self._item(explainer, _int(request.POST.get("item")))
        suggestion = not citation.is_confirmed
        try:
            desk.uncite(citation, item, by=request.user)
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"sentence-{item.pk}")
        message = "Suggestion rejected." if suggestion else "Citation removed."
        return self._done(request, explainer, anchor=f"sentence-{item.pk}", message=message)

    @refusing
    def confirm(self, request, object_id, citation_id):
        explainer = self._explainer(request, object_id, edit=True)
        citation = get_object_or_404(Citation.objects.select_related("source"), pk=citation_id)
        item = self._item(explainer, _int(request.POST.get("item")))
        try:
            desk.confirm(citation, item, by=request.user, seen_version=_seen(request))
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"sentence-{item.pk}")
        return self._done(
            request,
            explainer,
            anchor=f"sentence-{item.pk}",
            message=f"Confirmed: “{citation.source}” says this.",
        )

    @refusing
    def decision(self, request, object_id, item_id):
        explainer = self._explainer(request, object_id, edit=True)
        item = self._item(explainer, item_id)
        try:
            if request.POST.get("action") == "withdraw":
                desk.undecide(item, by=request.user)
                message = "Decision withdrawn: the sentence needs a confirmed citation again."
            else:
                desk.decide(item, by=request.user, note=request.POST.get("note", ""))
                message = "Decided: the sentence may be published unverified, with your note for readers."
        except desk.DeskRefused as error:
            return self._refused(request, explainer, error, anchor=f"sentence-{item.pk}")
        return self._done(request, explainer, anchor=f"sentence-{item.pk}", message=message)

    @refusing
    def paste_source(self, request, object_id):
        explainer = self._explainer(request, object_id, edit=True)
        form = SourceForm(request.POST)
        if not form.is_valid():
            return self._source_refused(request, explainer, form)
        try:
            source, created = desk.paste_source(by=request.user, **form.cleaned_data)
        except desk.DeskRefused as error:
            form.add_error(None, str(error))
            return self._source_refused(request, explainer, form)
        message = (
            f"Source “{source}” is in the library: search its words under a sentence to cite it."
            if created
            else f"This text is already in the library as “{source}”: search its words under a sentence."
        )
        if request.htmx:
            return self._partial(request, explainer, "admin/explainers/desk/source.html", notice=message)
        messages.success(request, message)
        return HttpResponseRedirect(
            reverse("admin:explainers_explainer_desk", args=[explainer.pk]) + "#paste-source"
        )

    def _source_refused(self, request, explainer, form):
        if request.htmx:
            return self._partial(request, explainer, "admin/explainers/desk/source.html", source_form=form)
        response = TemplateResponse(
            request, "admin/explainers/desk/desk.html", self._context(request, explainer, source_form=form)
        )
        response._csp_config = {**settings.SECURE_CSP, "frame-src": [CSP.SELF]}
        return response


def _seen(request) -> int | None:
    """The version a removal was asked from (forms send it); None when not sent (nothing to compare)."""
    return posted_version(request) if "seen_version" in request.POST else None


def _int(value) -> int:
    try:
        return int(str(value)[:18])
    except (TypeError, ValueError):
        raise Http404("No such row.") from None


def _with_disagreements(blocks):
    """Each sentence on the desk learns the disagreements between sources it touches (`differs`)."""
    claims = {item.claim.pk: item.claim for block in blocks for item in block.items.all()}
    touched = touched_disagreements(list(claims.values()))
    for block in blocks:
        for item in block.items.all():
            item.differs = touched.get(item.claim_id, [])
    return blocks
