; Not symmetric: every correct process decides p0's input (p0 is a designated leader).
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)

(define-fun follow-p0 () Bool
  (forall ((i Proc)) (=> (correct i) (= (decision i) (input p0)))))

(assert follow-p0)
