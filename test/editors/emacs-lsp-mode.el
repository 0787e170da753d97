;;; emacs-lsp-mode.el --- lsp-mode against Docker Coach, in a batch Emacs  -*- lexical-binding: t; -*-

;; The same steps as emacs-eglot.el, through lsp-mode with the lsp-mode configuration of docs/editors.md
;; (DOCKER_COACH_INIT). The diagnostics are lsp-mode's own (they carry the rule), with the lines Flymake shows.

(load (expand-file-name "emacs-common" (file-name-directory load-file-name)) nil t)

(defun docker-coach-lsp-diagnostics ()
  "The current buffer's diagnostics as lsp-mode holds them, in order, and the lines Flymake shows."
  (list (cons 'lsp
              (vconcat
               (mapcar (lambda (d)
                         (list (cons 'line (1+ (lsp:position-line (lsp:range-start (lsp:diagnostic-range d)))))
                               (cons 'severity (lsp:diagnostic-severity? d))
                               (cons 'rule (lsp:diagnostic-code? d))
                               (cons 'text (lsp:diagnostic-message d))))
                       (sort (copy-sequence (lsp--get-buffer-diagnostics))
                             (lambda (a b) (< (lsp:position-line (lsp:range-start (lsp:diagnostic-range a)))
                                              (lsp:position-line (lsp:range-start (lsp:diagnostic-range b)))))))))
        (cons 'flymakeLines (docker-coach-flymake-lines))))

(defun docker-coach-shows (rule)
  (cl-some (lambda (d) (equal (lsp:diagnostic-code? d) rule)) (lsp--get-buffer-diagnostics)))

(docker-coach-run
 (lambda ()
   (require 'lsp-mode)
   ;; Settings answered to workspace/configuration: one rule off, one raised to an error.
   (lsp-register-custom-settings '(("dockerCoach.rules.apt-get-no-recommends" "off")
                                   ("dockerCoach.rules.exec-form-cmd" "error")))
   ;; What a user answers once when lsp-mode asks for the project's root.
   (lsp-workspace-folders-add default-directory)
   (docker-coach-visit "web.dockerfile" (lambda () (bound-and-true-p lsp-mode)))
   (docker-coach-put 'dockerfileMode (symbol-name major-mode))
   (docker-coach-put 'diagnostics (docker-coach-lsp-diagnostics))
   (push "diagnostics" docker-coach-steps)

   (goto-char (point-min))
   (forward-line 1)
   (forward-char 2)
   (let ((hover (lsp-request "textDocument/hover" (lsp--text-document-position-params))))
     (docker-coach-put 'hover (lsp:markup-content-value (lsp:hover-contents hover))))
   (push "hover" docker-coach-steps)

   (let* ((actions (append (lsp-code-actions-at-point) nil))
          (preferred (cl-find-if #'lsp:code-action-is-preferred? actions))
          (before (buffer-modified-tick)))
     (docker-coach-put 'codeActions
                       (vconcat (mapcar (lambda (a)
                                          (list (cons 'title (lsp:code-action-title a))
                                                (cons 'kind (lsp:code-action-kind? a))
                                                (cons 'isPreferred (and (lsp:code-action-is-preferred? a) t))))
                                        actions)))
     (unless preferred (error "No preferred code action"))
     ;; What `M-x lsp-execute-code-action' does with the action picked.
     (lsp-execute-code-action preferred)
     (docker-coach-put 'applied (lsp:code-action-title preferred))
     (docker-coach-put 'textAfterFix (buffer-substring-no-properties (point-min) (point-max)))
     (unless (> (buffer-modified-tick) before) (error "The fix changed nothing"))
     (docker-coach-wait (lambda () (not (docker-coach-shows "maintainer-deprecated"))) 60)
     (docker-coach-put 'diagnosticsAfterFix (docker-coach-lsp-diagnostics)))
   (push "codeAction" docker-coach-steps)

   (docker-coach-visit "docker-compose.override.yml" (lambda () (bound-and-true-p lsp-mode)))
   (docker-coach-put 'composeMode (symbol-name major-mode))
   (docker-coach-put 'composeDiagnostics (docker-coach-lsp-diagnostics))
   (push "compose" docker-coach-steps)))

;;; emacs-lsp-mode.el ends here
